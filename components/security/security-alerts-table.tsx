"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo } from "react";
import { AuditTenantFilter, type TenantChoices } from "@/components/audit/audit-tenant-filter";
import { parseSecurityAlertFilters, securityAlertsPath, type SecurityAlertFilters } from "@/components/security/security-alert-filters";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DataTable, type ColumnDef } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Select } from "@/components/ui/select";
import { fetchApi } from "@/lib/query/fetch-api";
import { queryKeys } from "@/lib/query/keys";
import type { SecurityAlertItem, SecurityAlertsResponse } from "@/lib/schemas/security-alerts";
import { SECURITY_ALERT_KINDS, SECURITY_ALERT_LABELS, type SecurityAlertKind } from "@/lib/security-alerts/alert-kinds";

const TONE: Record<SecurityAlertKind, BadgeTone> = {
  new_sign_in_location: "sky",
  repeated_sign_in_failures: "red",
  second_factor_disabled: "red",
  api_key_created: "amber",
  security_policy_changed: "violet",
  impersonation_requested: "indigo",
  impersonation_started: "indigo",
  impersonation_revoked: "slate",
  password_reset: "amber",
  passkey_added: "sky",
  passkey_removed: "amber",
  break_glass_sign_in: "red",
};

const when = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC", timeZoneName: "short" });

const DETAIL_SKIP = new Set(["ip", "session_id", "key_id"]);
/** The alert's facts as one line ("device: Chrome on macOS · host: acme.example.com"). */
function detailLine(a: SecurityAlertItem): string {
  return Object.entries(a.detail)
    .filter(([k, v]) => !DETAIL_SKIP.has(k) && v !== null && typeof v !== "object")
    .map(([k, v]) => `${k.replace(/_/g, " ")}: ${String(v)}`)
    .join(" · ");
}

const COLUMNS: ColumnDef<SecurityAlertItem, unknown>[] = [
  { id: "when", header: "When", cell: ({ row }) => <time dateTime={row.original.timestamp} className="whitespace-nowrap text-slate-600">{when.format(new Date(row.original.timestamp))}</time>, meta: { className: "w-40" } },
  { id: "kind", header: "Kind", cell: ({ row }) => <Badge tone={TONE[row.original.kind]}>{SECURITY_ALERT_LABELS[row.original.kind]}</Badge>, meta: { card: "title" } },
  { id: "account", header: "Account", cell: ({ row }) => <span className="break-all">{row.original.account?.email ?? <span className="text-slate-500">Tenant-wide</span>}</span> },
  { id: "tenant", header: "Tenant", cell: ({ row }) => row.original.tenant_name ?? <span className="text-slate-500">Platform</span> },
  { id: "ip", header: "IP", cell: ({ row }) => <span className="font-mono text-xs">{row.original.ip_address ?? "—"}</span> },
  { id: "detail", header: "Detail", cell: ({ row }) => <span className="text-slate-600">{detailLine(row.original) || "—"}</span>, meta: { className: "max-w-sm" } },
];

/** The console's Security page: recent alerts across tenants, filtered by kind and tenant through the URL; the first page came with the HTML. */
export function SecurityAlertsTable({ initial, tenants }: { initial: { filters: SecurityAlertFilters; page: SecurityAlertsResponse }; tenants: TenantChoices }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const filters = useMemo(() => parseSecurityAlertFilters((k) => searchParams.get(k)), [searchParams]);
  const sameAsServer = filters.kind === initial.filters.kind && filters.tenant_id === initial.filters.tenant_id;

  const query = useInfiniteQuery({
    queryKey: queryKeys.securityAlerts(filters),
    queryFn: ({ pageParam, signal }) => fetchApi<SecurityAlertsResponse>(securityAlertsPath(filters, pageParam), { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    initialData: sameAsServer ? { pages: [initial.page], pageParams: [null] } : undefined,
    staleTime: 30_000,
  });
  const items = useMemo(() => query.data?.pages.flatMap((p) => p.items), [query.data]);

  const setFilter = (patch: Partial<SecurityAlertFilters>) => {
    const next = new URLSearchParams(searchParams.toString());
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    const s = next.toString();
    router.replace(`${pathname}${s ? `?${s}` : ""}`, { scroll: false });
  };

  return (
    <Card>
      <div role="group" aria-label="Filters" className="grid grid-cols-2 gap-2 border-b border-slate-200 px-4 py-3 sm:flex sm:flex-wrap sm:items-center">
        <Select aria-label="Kind" value={filters.kind ?? ""} className="col-span-2 sm:col-span-1 sm:w-72" onChange={(e) => setFilter({ kind: (e.target.value || undefined) as SecurityAlertKind | undefined })}>
          <option value="">All kinds</option>
          {SECURITY_ALERT_KINDS.map((k) => (
            <option key={k} value={k}>
              {SECURITY_ALERT_LABELS[k]}
            </option>
          ))}
        </Select>
        <AuditTenantFilter value={filters.tenant_id} onChange={(tenant_id) => setFilter({ tenant_id })} tenants={tenants} />
      </div>
      {query.isError ? (
        <p role="alert" className="px-5 py-4 text-red-700">
          Could not load the alerts: {query.error.message}
        </p>
      ) : (
        <DataTable
          columns={COLUMNS}
          data={items}
          getRowId={(a) => a.id}
          label="Security alerts"
          rowTestId="security-alert-row"
          busy={query.isFetching && !query.isFetchingNextPage}
          empty={<EmptyState title="No security alerts" description={filters.kind || filters.tenant_id ? "None match these filters." : "New sign-in places, repeated failures, new keys and other alerts will show here."} />}
        />
      )}
      {query.hasNextPage ? (
        <div className="flex justify-center border-t border-slate-200 px-4 py-3">
          <Button variant="secondary" onClick={() => query.fetchNextPage()} loading={query.isFetchingNextPage}>
            Load more
          </Button>
        </div>
      ) : null}
    </Card>
  );
}
