"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useUrlListState } from "@/lib/query/use-url-list-state";
import { type ReactNode } from "react";
import { formatDate } from "@/components/console/format";
import { PageHeader } from "@/components/console/page-header";
import { unwrapAction } from "@/components/members/use-member-mutation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DataTable, type ColumnDef } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { ExportCsvLink } from "@/components/ui/export-csv-link";
import { Pagination } from "@/components/ui/pagination";
import { SearchIcon } from "@/components/ui/search-icon";
import { ListFilterStatus } from "@/components/ui/list-filter-status";
import { SearchBox } from "@/components/ui/search-box";
import { Select } from "@/components/ui/select";
import { RowLink } from "@/components/ui/row-link";
import { PLATFORM_ROLE_LABELS, PLATFORM_ROLES } from "@/lib/auth/permissions";
import { PlatformRoleBadge, UserStatusBadge } from "./_components/user-badges";
import { parseUserParams, userParamsToExport, userParamsToSearch, type UserListParams } from "./_lib/list-params";
import { userQueryKeys } from "./_lib/user-query-keys";
import { listUsersAction, type UserList } from "./user-actions";

type SortKey = UserListParams["sort"];

const USER_FILTER_KEYS = ["search", "platform_role", "status"] as const;

type UserRow = UserList["users"][number];

const USER_COLUMNS: ColumnDef<UserRow, unknown>[] = [
  {
    id: "email",
    header: "Email",
    meta: { card: "title", sortKey: "email", skeleton: "w-44" },
    cell: ({ row: { original: u } }) => (
      <>
        <RowLink href={`/users/${u.id}`} className="break-all">
          {u.email}
        </RowLink>
        {u.name ? <p className="truncate text-[13px] text-slate-500 md:hidden">{u.name}</p> : null}
      </>
    ),
  },
  { id: "name", header: "Name", meta: { card: "hidden", sortKey: "name", className: "text-slate-600", skeleton: "w-28" }, cell: ({ row }) => row.original.name },
  { id: "platform_role", header: "Platform role", meta: { skeleton: "w-24" }, cell: ({ row }) => <PlatformRoleBadge role={row.original.platform_role} /> },
  { id: "status", header: "Status", meta: { skeleton: "w-16" }, cell: ({ row }) => <UserStatusBadge status={row.original.status} /> },
  { id: "memberships", header: "Memberships", meta: { className: "text-right text-slate-600 tabular-nums", skeleton: "w-8" }, cell: ({ row }) => row.original.memberships_count },
  {
    id: "last_login_at",
    header: "Last sign-in",
    meta: { sortKey: "last_login_at", className: "whitespace-nowrap text-slate-500 tabular-nums" },
    cell: ({ row }) => (row.original.last_login_at ? formatDate(row.original.last_login_at) : "Never"),
  },
  { id: "created_at", header: "Created", meta: { sortKey: "created_at", className: "whitespace-nowrap text-slate-500 tabular-nums" }, cell: ({ row }) => formatDate(row.original.created_at) },
];

export function UsersPageClient() {
  const { params, navigate, searchInput, setSearchInput, markLeaving, clearFilters } = useUrlListState<UserListParams>({ path: "/users", parse: parseUserParams, toSearch: userParamsToSearch, optionalKeys: USER_FILTER_KEYS });

  const query = useQuery({
    queryKey: userQueryKeys.list(params),
    queryFn: () => unwrapAction(listUsersAction(params)),
    placeholderData: keepPreviousData,
  });

  const data = query.data;
  const filtered = Boolean(params.search || params.platform_role || params.status);
  const onSort = (sort: SortKey, order: "asc" | "desc") => navigate({ sort, order, page: 1 });

  return (
    <div>
      <PageHeader
        title="Users"
        description="Every account on the platform: platform staff and the members of every tenant."
        actions={<ExportCsvLink href={userParamsToExport(params)} testId="users-export" />}
      />

      <div className="mb-4 flex flex-col gap-2 sm:flex-row sm:items-center">
        <SearchBox id="user-search" label="Search users" value={searchInput} onChange={setSearchInput} placeholder="Search by email or name" className="sm:max-w-sm" />
        <div className="flex gap-2">
          <Select
            aria-label="Filter by platform role"
            value={params.platform_role ?? ""}
            onChange={(e) => navigate({ platform_role: (e.target.value || undefined) as UserListParams["platform_role"], page: 1 })}
            className="w-full sm:w-48"
          >
            <option value="">All platform roles</option>
            {PLATFORM_ROLES.map((r) => (
              <option key={r} value={r}>
                {PLATFORM_ROLE_LABELS[r]}
              </option>
            ))}
            <option value="none">No platform role</option>
          </Select>
          <Select
            aria-label="Filter by status"
            value={params.status ?? ""}
            onChange={(e) => navigate({ status: (e.target.value || undefined) as UserListParams["status"], page: 1 })}
            className="w-full sm:w-40"
          >
            <option value="">All statuses</option>
            <option value="active">Active</option>
            <option value="suspended">Suspended</option>
          </Select>
        </div>
        <ListFilterStatus updating={query.isFetching && Boolean(data)} filtered={filtered} onClear={clearFilters} />
      </div>

      {query.isError && !data ? (
        <Alert tone="danger" title="Could not load users" actions={<Button size="sm" variant="secondary" onClick={() => query.refetch()}>Retry</Button>}>
          {query.error.message}
        </Alert>
      ) : (
        <Card className="overflow-hidden">
          <DataTable
            label="Users"
            columns={USER_COLUMNS}
            data={data?.users}
            getRowId={(u) => u.id}
            sort={params}
            onSort={onSort}
            rowHref={(u) => `/users/${u.id}`}
            onRowNavigate={markLeaving}
            rowTestId="user-row"
            busy={query.isFetching}
            dimmed={query.isPlaceholderData}
            minWidth="min-w-[820px]"
          />
          {data && data.users.length === 0 ? (
            params.page > 1 && data.pagination.total_count > 0 ? (
              <EmptyState title="Nothing on this page" description={`The results end on page ${data.pagination.total_pages}.`} action={<Button variant="secondary" onClick={() => navigate({ page: 1 })}>Go to the first page</Button>} />
            ) : filtered ? (
              <EmptyState icon={<SearchIcon />} title="No users match these filters" description="Try another search term, or clear the filters to see every account." action={<Button variant="secondary" onClick={clearFilters}>Clear filters</Button>} />
            ) : (
              <EmptyState icon={<PersonIcon />} title="No users yet" description="Accounts appear here when staff are created or tenants gain members." />
            )
          ) : null}
          {data && data.users.length > 0 ? <Pagination pagination={data.pagination} noun="user" label="Users pagination" onPage={(page) => navigate({ page })} /> : null}
        </Card>
      )}
    </div>
  );
}

function PersonIcon(): ReactNode {
  return (
    <svg viewBox="0 0 16 16" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
      <circle cx="8" cy="5.5" r="2.5" />
      <path d="M3 13.5c.5-2.5 2.5-4 5-4s4.5 1.5 5 4" strokeLinecap="round" />
    </svg>
  );
}
