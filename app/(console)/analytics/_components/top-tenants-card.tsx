"use client";

import { PlanBadge } from "@/components/console/tenant-badges";
import { Card, CardHeader } from "@/components/ui/card";
import { DataTable, type ColumnDef } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { RowLink } from "@/components/ui/row-link";
import { Select } from "@/components/ui/select";
import type { CrossTenantAnalytics } from "@/lib/schemas/analytics";
import { RANKINGS, type Ranking } from "../_lib/analytics-params";
import { fmtCount, fmtGb, fmtRatio, fmtSignedRatio } from "./format";

type Row = CrossTenantAnalytics["tenant_comparison"][number] & { rank: number };

const num = (id: Ranking, header: string, cell: (r: Row) => string): ColumnDef<Row, unknown> => ({
  id,
  header,
  meta: { className: "text-right tabular-nums whitespace-nowrap" },
  cell: ({ row }) => cell(row.original),
});

const columns: ColumnDef<Row, unknown>[] = [
  { id: "rank", header: "Rank", meta: { card: "hidden", className: "w-12 text-slate-500 tabular-nums" }, cell: ({ row }) => row.original.rank },
  {
    id: "name",
    header: "Tenant",
    meta: { card: "title" },
    cell: ({ row: { original: t } }) => (
      <div className="min-w-0">
        <RowLink href={`/tenants/${t.tenant_id}`} className="block truncate">
          <span className="text-slate-500 tabular-nums md:hidden">{t.rank}. </span>
          {t.name}
        </RowLink>
        <p className="truncate font-mono text-xs text-slate-500">{t.slug}</p>
      </div>
    ),
  },
  { id: "plan", header: "Plan", cell: ({ row }) => <PlanBadge plan={row.original.plan} /> },
  num("api_calls", "API calls", (r) => fmtCount(r.api_calls)),
  num("storage_gb", "Storage", (r) => fmtGb(r.storage_gb)),
  num("user_count", "Members", (r) => fmtCount(r.user_count)),
  num("active_users", "Active users", (r) => fmtCount(r.active_users)),
  num("growth_rate", "Growth", (r) => fmtSignedRatio(r.growth_rate)),
  num("error_rate", "Error rate", (r) => fmtRatio(r.error_rate)),
  num("health_score", "Health", (r) => (r.health_score === null ? "—" : String(r.health_score))),
];

/** The tenants leading on one metric, ranked by the API (ties by tenant id), each a link to its page. */
export function TopTenantsCard({ data, rank, onRank, busy }: { data: CrossTenantAnalytics | undefined; rank: Ranking; onRank: (r: Ranking) => void; busy: boolean }) {
  const rows = data?.tenant_comparison.map((t, i) => ({ ...t, rank: (data.pagination.page - 1) * data.pagination.page_size + i + 1 }));
  const ranking = RANKINGS.find((r) => r.key === rank)!;
  return (
    <Card className="overflow-hidden" data-testid="top-tenants">
      <CardHeader
        title="Top tenants"
        description={`By ${ranking.label.replace(/^[A-Z][a-z]/, (w) => w.toLowerCase())} in the period${data ? ` · ${fmtCount(data.pagination.total_count)} tenants ranked` : ""}`}
        actions={
          <Select aria-label="Rank tenants by" value={rank} onChange={(e) => onRank(e.target.value as Ranking)} className="w-52">
            {RANKINGS.map((r) => (
              <option key={r.key} value={r.key}>
                {r.label}
              </option>
            ))}
          </Select>
        }
      />
      <DataTable label={`Top tenants by ${ranking.label.replace(/^[A-Z][a-z]/, (w) => w.toLowerCase())}`} columns={columns} data={rows} getRowId={(r) => r.tenant_id} rowHref={(r) => `/tenants/${r.tenant_id}`} rowTestId="top-tenant-row" busy={busy} dimmed={busy && Boolean(data)} breakpoint="lg" minWidth="min-w-[960px]" />
      {rows && rows.length === 0 ? <EmptyState title="No tenants to rank" description="Tenants appear here once the first one is created." /> : null}
    </Card>
  );
}
