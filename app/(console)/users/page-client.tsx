"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useUrlListState } from "@/lib/query/use-url-list-state";
import { type MouseEvent, type ReactNode } from "react";
import { formatDate } from "@/components/console/format";
import { PageHeader } from "@/components/console/page-header";
import { unwrapAction } from "@/components/members/use-member-mutation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { Pagination } from "@/components/ui/pagination";
import { SearchIcon } from "@/components/ui/search-icon";
import { ListFilterStatus } from "@/components/ui/list-filter-status";
import { SearchBox } from "@/components/ui/search-box";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { SortHeader } from "@/components/ui/sort-header";
import { PLATFORM_ROLE_LABELS, PLATFORM_ROLES } from "@/lib/auth/permissions";
import { PlatformRoleBadge, UserStatusBadge } from "./_components/user-badges";
import { parseUserParams, userParamsToSearch, type UserListParams } from "./_lib/list-params";
import { userQueryKeys } from "./_lib/user-query-keys";
import { listUsersAction } from "./user-actions";

type SortKey = UserListParams["sort"];

const USER_FILTER_KEYS = ["search", "platform_role", "status"] as const;

export function UsersPageClient() {
  const router = useRouter();
  const { params, navigate, searchInput, setSearchInput, leaving, clearFilters } = useUrlListState<UserListParams>({ path: "/users", parse: parseUserParams, toSearch: userParamsToSearch, optionalKeys: USER_FILTER_KEYS });

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
      <PageHeader title="Users" description="Every account on the platform: platform staff and the members of every tenant." />

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
          <div className="relative overflow-x-auto">
            <table className={cn("w-full min-w-[820px] text-left text-sm", query.isPlaceholderData && "opacity-60 transition-opacity")} aria-busy={query.isFetching}>
              <thead className="border-b border-slate-200 bg-slate-50/80 text-xs font-medium text-slate-500">
                <tr>
                  <SortHeader label="Email" sortKey="email" params={params} onSort={onSort} className="pl-5" />
                  <SortHeader label="Name" sortKey="name" params={params} onSort={onSort} />
                  <th scope="col" className="px-3 py-2.5 font-medium">
                    Platform role
                  </th>
                  <th scope="col" className="px-3 py-2.5 font-medium">
                    Status
                  </th>
                  <th scope="col" className="px-3 py-2.5 text-right font-medium">
                    Memberships
                  </th>
                  <SortHeader label="Last sign-in" sortKey="last_login_at" params={params} onSort={onSort} />
                  <SortHeader label="Created" sortKey="created_at" params={params} onSort={onSort} className="pr-5" />
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {!data ? (
                  <SkeletonRows />
                ) : (
                  data.users.map((u) => (
                    <tr
                      key={u.id}
                      data-testid="user-row"
                      onClick={(e: MouseEvent) => {
                        if (e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
                        leaving.current = true;
                        if ((e.target as HTMLElement).closest("a")) return;
                        router.push(`/users/${u.id}`);
                      }}
                      className="cursor-pointer transition-colors hover:bg-slate-50"
                    >
                      <td className="py-3 pr-3 pl-5">
                        <Link href={`/users/${u.id}`} className="font-medium text-slate-900 hover:underline focus-visible:rounded focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
                          {u.email}
                        </Link>
                      </td>
                      <td className="px-3 py-3 text-slate-600">{u.name}</td>
                      <td className="px-3 py-3">
                        <PlatformRoleBadge role={u.platform_role} />
                      </td>
                      <td className="px-3 py-3">
                        <UserStatusBadge status={u.status} />
                      </td>
                      <td className="px-3 py-3 text-right text-slate-600 tabular-nums">{u.memberships_count}</td>
                      <td className="px-3 py-3 whitespace-nowrap text-slate-500 tabular-nums">{u.last_login_at ? formatDate(u.last_login_at) : "Never"}</td>
                      <td className="py-3 pr-5 pl-3 whitespace-nowrap text-slate-500 tabular-nums">{formatDate(u.created_at)}</td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
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

function SkeletonRows() {
  return Array.from({ length: 5 }, (_, i) => (
    <tr key={i}>
      {["w-44", "w-28", "w-24", "w-16", "w-8", "w-20", "w-20"].map((w, j) => (
        <td key={j} className={cn("py-3.5", j === 0 ? "pr-3 pl-5" : "px-3")}>
          <Skeleton className={cn("h-3.5", w)} />
        </td>
      ))}
    </tr>
  ));
}

function PersonIcon(): ReactNode {
  return (
    <svg viewBox="0 0 16 16" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
      <circle cx="8" cy="5.5" r="2.5" />
      <path d="M3 13.5c.5-2.5 2.5-4 5-4s4.5 1.5 5 4" strokeLinecap="round" />
    </svg>
  );
}
