"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useUrlListState } from "@/lib/query/use-url-list-state";
import { useMemo, useState, type ReactNode } from "react";
import type { RowSelectionState } from "@tanstack/react-table";
import { BulkActionBar } from "@/components/bulk/bulk-action-bar";
import { BulkOperationDialog } from "@/components/bulk/bulk-operation-dialog";
import { SelectAllMatching } from "@/components/bulk/select-all-matching";
import type { BulkOperationName } from "@/lib/schemas/bulk";
import { formatDate } from "@/components/console/format";
import { PageHeader } from "@/components/console/page-header";
import { ImportTenantButton } from "@/components/exports/import-tenant-dialog";
import { TenantAvatar } from "@/components/console/tenant-avatar";
import { HealthBadge } from "@/components/analytics/health-badge";
import { Sparkline } from "@/components/analytics/sparkline";
import { PlanBadge, STATUS_LABELS, TenantStatusBadge, TrialBadge } from "@/components/console/tenant-badges";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DataTable, type ColumnDef } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { ExportCsvLink } from "@/components/ui/export-csv-link";
import { ListFilterStatus } from "@/components/ui/list-filter-status";
import { SearchBox } from "@/components/ui/search-box";
import { Select } from "@/components/ui/select";
import { UsageBar } from "@/components/ui/usage-bar";
import { Pagination } from "@/components/ui/pagination";
import { SearchIcon } from "@/components/ui/search-icon";
import { RowLink } from "@/components/ui/row-link";
import { fetchApi } from "@/lib/query/fetch-api";
import { queryKeys, type TenantListParams } from "@/lib/query/keys";
import { TENANT_STATUSES } from "@/lib/schemas/tenant";
import type { listTenants } from "@/lib/tenants/list-tenants";
import { PLAN_DEFINITIONS, PLANS } from "@/lib/tenants/plans";
import { listParamsToApi, listParamsToExport, listParamsToSearch, parseListParams } from "./_lib/list-params";

type TenantList = Awaited<ReturnType<typeof listTenants>>;

const TENANT_FILTER_KEYS = ["search", "status", "plan"] as const;

type TenantRow = TenantList["tenants"][number];

const tenantColumns = (now: number): ColumnDef<TenantRow, unknown>[] => [
  {
    id: "name",
    header: "Tenant",
    meta: { card: "title", sortKey: "name", skeleton: "w-36" },
    cell: ({ row: { original: t } }) => (
      <div className="flex items-center gap-3">
        <TenantAvatar name={t.name} />
        <div className="min-w-0">
          <RowLink href={`/tenants/${t.id}`} className="block truncate">
            {t.name}
          </RowLink>
          <p className="truncate font-mono text-xs text-slate-500">{t.domain ?? t.slug}</p>
        </div>
      </div>
    ),
  },
  { id: "status", header: "Status", meta: { sortKey: "status" }, cell: ({ row }) => <TenantStatusBadge status={row.original.status} /> },
  {
    id: "plan",
    header: "Plan",
    meta: { sortKey: "plan", skeleton: "w-24" },
    cell: ({ row: { original: t } }) => (
      <div className="flex flex-wrap items-center gap-1.5">
        <PlanBadge plan={t.plan} />
        {t.is_trial ? <TrialBadge endsAt={t.trial_ends_at} now={now} /> : null}
      </div>
    ),
  },
  {
    id: "health",
    header: "Health",
    meta: { sortKey: "health", skeleton: "w-24" },
    cell: ({ row: { original: t } }) => <HealthBadge health={t.health} />,
  },
  { id: "users", header: "Users", meta: { skeleton: "w-32" }, cell: ({ row: { original: t } }) => <UsageBar compact label={`${t.name} users`} current={t.usage.users.current} limit={t.usage.users.limit} /> },
  {
    id: "storage",
    header: "Storage",
    meta: { skeleton: "w-32" },
    cell: ({ row: { original: t } }) => <UsageBar compact label={`${t.name} storage`} current={t.usage.storage.current_gb} limit={t.usage.storage.limit_gb} unit="GB" />,
  },
  {
    id: "usage_sparkline",
    header: "API calls, 14 days",
    meta: { skeleton: "w-24", className: "whitespace-nowrap" },
    cell: ({ row: { original: t } }) => <Sparkline values={t.usage_sparkline} label={`${t.name} API calls per day`} />,
  },
  {
    id: "created_at",
    header: "Created",
    meta: { sortKey: "created_at", className: "whitespace-nowrap text-slate-500 tabular-nums" },
    cell: ({ row }) => formatDate(row.original.created_at),
  },
];

type Selection = { key: string; rows: RowSelectionState; allMatching: boolean };

/**
 * `canImport`: backups:manage and tenants:create, what POST /tenants/import needs.
 * `bulkOperations`: the bulk operations the caller may run; with none, rows cannot be selected.
 */
export function TenantsPageClient({ canCreate, canImport = false, bulkOperations = [], now }: { canCreate: boolean; canImport?: boolean; bulkOperations?: BulkOperationName[]; now: number }) {
  const columns = useMemo(() => tenantColumns(now), [now]);
  const { params, navigate, searchInput, setSearchInput, markLeaving, clearFilters } = useUrlListState<TenantListParams>({ path: "/tenants", parse: parseListParams, toSearch: listParamsToSearch, optionalKeys: TENANT_FILTER_KEYS });

  const query = useQuery({
    queryKey: queryKeys.tenants.list(params),
    queryFn: ({ signal }) => fetchApi<TenantList>(listParamsToApi(params), { signal }),
    placeholderData: keepPreviousData,
  });

  const data = query.data;
  const filtered = Boolean(params.search || params.status || params.plan);

  // A selection belongs to the filters it was made under: "all matching" means these filters' tenants.
  const filterKey = JSON.stringify([params.search ?? "", params.status ?? "", params.plan ?? ""]);
  const [stored, setSelection] = useState<Selection>({ key: filterKey, rows: {}, allMatching: false });
  const selection = stored.key === filterKey ? stored : { key: filterKey, rows: {}, allMatching: false };
  const clearSelection = () => setSelection({ key: filterKey, rows: {}, allMatching: false });
  const [chosen, setChosen] = useState<BulkOperationName | null>(null);
  const selectedIds = Object.keys(selection.rows);
  const selectedCount = selection.allMatching ? (data?.pagination.total_count ?? 0) : selectedIds.length;
  const pageAllSelected = Boolean(data && data.tenants.length > 0 && data.tenants.every((t) => selection.rows[t.id]));
  const selectable = bulkOperations.length > 0;

  return (
    <div>
      <PageHeader
        title="Tenants"
        description="Every customer organisation on the platform, its plan, status and resource use."
        actions={
          <div className="flex flex-wrap items-center gap-2">
            <ExportCsvLink href={listParamsToExport(params)} testId="tenants-export" />
            {canImport ? <ImportTenantButton /> : null}
            {canCreate ? (
              <Link href="/tenants/new" className={buttonClasses("primary")}>
                <svg viewBox="0 0 16 16" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.75" aria-hidden="true">
                  <path d="M8 3.5v9M3.5 8h9" strokeLinecap="round" />
                </svg>
                Create tenant
              </Link>
            ) : null}
          </div>
        }
      />

      <div className="mb-4 flex flex-col gap-2 sm:flex-row sm:items-center">
        <SearchBox id="tenant-search" label="Search tenants" value={searchInput} onChange={setSearchInput} placeholder="Search by name, slug or domain" className="sm:max-w-sm" />
        <div className="flex gap-2">
          <Select aria-label="Filter by status" value={params.status ?? ""} onChange={(e) => navigate({ status: (e.target.value || undefined) as TenantListParams["status"], page: 1 })} className="w-full sm:w-44">
            <option value="">All statuses</option>
            {TENANT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </Select>
          <Select aria-label="Filter by plan" value={params.plan ?? ""} onChange={(e) => navigate({ plan: (e.target.value || undefined) as TenantListParams["plan"], page: 1 })} className="w-full sm:w-40">
            <option value="">All plans</option>
            {PLANS.map((p) => (
              <option key={p} value={p}>
                {PLAN_DEFINITIONS[p].label}
              </option>
            ))}
          </Select>
        </div>
        <ListFilterStatus updating={query.isFetching && Boolean(data)} filtered={filtered} onClear={clearFilters} />
      </div>

      {query.isError && !data ? (
        <Alert tone="danger" title="Could not load tenants" actions={<Button size="sm" variant="secondary" onClick={() => query.refetch()}>Retry</Button>}>
          {query.error.message}
        </Alert>
      ) : (
        <Card className="overflow-hidden">
          {selectable && data && pageAllSelected && data.pagination.total_count > data.tenants.length ? (
            <SelectAllMatching
              pageCount={data.tenants.length}
              total={data.pagination.total_count}
              allMatching={selection.allMatching}
              onSelectAll={() => setSelection({ ...selection, allMatching: true })}
              onClear={clearSelection}
            />
          ) : null}
          <DataTable
            label="Tenants"
            selection={selectable ? selection.rows : undefined}
            onSelectionChange={(rows) => setSelection({ key: filterKey, rows, allMatching: false })}
            selectLabel={(t) => `Select ${t.name}`}
            columns={columns}
            data={data?.tenants}
            getRowId={(t) => t.id}
            sort={params}
            onSort={(sort, order) => navigate({ sort, order, page: 1 })}
            rowHref={(t) => `/tenants/${t.id}`}
            onRowNavigate={markLeaving}
            rowTestId="tenant-row"
            busy={query.isFetching}
            dimmed={query.isPlaceholderData}
            minWidth="min-w-[1080px]"
            breakpoint="lg"
          />
          {data && data.tenants.length === 0 ? (
            params.page > 1 && data.pagination.total_count > 0 ? (
              <EmptyState title="Nothing on this page" description={`The results end on page ${data.pagination.total_pages}.`} action={<Button variant="secondary" onClick={() => navigate({ page: 1 })}>Go to the first page</Button>} />
            ) : filtered ? (
              <EmptyState icon={<SearchIcon />} title="No tenants match these filters" description="Try another search term, or clear the filters to see every tenant." action={<Button variant="secondary" onClick={clearFilters}>Clear filters</Button>} />
            ) : (
              <EmptyState
                icon={<BuildingIcon />}
                title="No tenants yet"
                description="Create the first customer organisation; it gets its own subdomain, schema and admin account."
                action={canCreate ? <Link href="/tenants/new" className={buttonClasses("primary")}>Create tenant</Link> : undefined}
              />
            )
          ) : null}
          {data && data.tenants.length > 0 ? (
            <Pagination pagination={data.pagination} noun="tenant" onPage={(page) => navigate({ page })} />
          ) : null}
        </Card>
      )}
      {selectable && selectedCount > 0 ? <BulkActionBar count={selectedCount} allMatching={selection.allMatching} operations={bulkOperations} onChoose={setChosen} onClear={clearSelection} /> : null}
      {chosen ? (
        <BulkOperationDialog
          operation={chosen}
          selection={selection.allMatching ? { filter: { search: params.search || undefined, status: params.status, plan: params.plan } } : { tenant_ids: selectedIds }}
          count={selectedCount}
          onClose={(applied) => {
            setChosen(null);
            if (applied) clearSelection();
          }}
        />
      ) : null}
    </div>
  );
}

function BuildingIcon(): ReactNode {
  return (
    <svg viewBox="0 0 16 16" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
      <path d="M3 14V3.5c0-.28.22-.5.5-.5h6c.28 0 .5.22.5.5V14M10 7h2.5c.28 0 .5.22.5.5V14M2 14h12M5.5 5.5h2M5.5 8h2M5.5 10.5h2" strokeLinecap="round" />
    </svg>
  );
}
