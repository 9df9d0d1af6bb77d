"use client";

import { HealthBadge, healthStatusLabel } from "@/components/analytics/health-badge";
import { HEALTH_CHECKS } from "@/components/analytics/health-checks";
import { Sparkline } from "@/components/analytics/sparkline";
import { PlanBadge } from "@/components/console/tenant-badges";
import { Card, CardHeader } from "@/components/ui/card";
import { DataTable, type ColumnDef } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { RowLink } from "@/components/ui/row-link";
import type { healthSummaryResponseSchema } from "@/lib/schemas/analytics";
import type { z } from "zod";
import { CountBars, type CountRow } from "./count-bars";
import { fmtCount } from "./format";

type Summary = z.output<typeof healthSummaryResponseSchema>;
type Worst = Summary["worst_tenants"][number];

const COLORS = { healthy: "var(--color-emerald-500, #10b981)", degraded: "var(--color-amber-500, #f59e0b)", critical: "var(--color-red-500, #ef4444)", unknown: "var(--chart-cursor)" } as const;

/** Tenants per health status, from the stored daily checks. */
export function HealthDistributionChart({ summary, busy }: { summary: Summary; busy?: boolean }) {
  const rows: CountRow[] = (["healthy", "degraded", "critical", "unknown"] as const).map((s) => ({ key: s, label: healthStatusLabel(s), color: COLORS[s], count: summary.counts[s] }));
  return (
    <CountBars
      title="Health"
      description={summary.average_score === null ? "No tenant checked yet" : `Average score ${Math.round(summary.average_score)} of 100`}
      rows={rows}
      noun="tenants"
      busy={busy}
      testId="health-distribution"
      empty={{ title: "No tenants yet", description: "Health is checked regularly once tenants exist." }}
      footer={
        summary.history.length > 1 ? (
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-500">
            <span>Average score, last {summary.history.length} days</span>
            <Sparkline values={summary.history.map((d) => Math.round(d.average_score))} label="Average health score per day" width={120} color="var(--color-emerald-600, #059669)" />
          </div>
        ) : null
      }
    />
  );
}

const mainProblem = (t: Worst) => (t.failing_checks.length ? HEALTH_CHECKS[t.failing_checks[0]].problem : t.status === "healthy" ? "No problem found" : "Checks near their limits");

const worstColumns: ColumnDef<Worst, unknown>[] = [
  {
    id: "name",
    header: "Tenant",
    meta: { card: "title" },
    cell: ({ row: { original: t } }) => (
      <div className="min-w-0">
        <RowLink href={`/tenants/${t.tenant_id}`} className="block truncate">
          {t.name}
        </RowLink>
        <p className="truncate font-mono text-xs text-slate-500">{t.slug}</p>
      </div>
    ),
  },
  { id: "health", header: "Health", cell: ({ row: { original: t } }) => <HealthBadge health={{ score: t.health_score, status: t.status }} /> },
  {
    id: "problem",
    header: "Main problem",
    cell: ({ row: { original: t } }) => (
      <span>
        {mainProblem(t)}
        {t.failing_checks.length > 1 ? <span className="text-slate-500"> (+{t.failing_checks.length - 1} more)</span> : null}
      </span>
    ),
  },
  { id: "plan", header: "Plan", cell: ({ row }) => <PlanBadge plan={row.original.plan} /> },
];

/** The lowest scores first, each with its first failing check in words and a link to the tenant. */
export function WorstTenantsCard({ summary, busy }: { summary: Summary; busy?: boolean }) {
  const needing = summary.worst_tenants.filter((t) => t.status !== "healthy");
  return (
    <Card className="overflow-hidden" data-testid="worst-tenants">
      <CardHeader title="Tenants needing attention" description={`Lowest health scores first · ${fmtCount(summary.counts.degraded + summary.counts.critical)} not healthy`} />
      {needing.length ? (
        <DataTable label="Tenants needing attention" columns={worstColumns} data={needing} getRowId={(t) => t.tenant_id} rowHref={(t) => `/tenants/${t.tenant_id}`} rowTestId="worst-tenant-row" busy={busy} minWidth="min-w-[640px]" />
      ) : (
        <EmptyState title={summary.total === 0 ? "No tenants yet" : summary.counts.unknown === summary.total ? "No tenant checked yet" : "Every checked tenant is healthy"} description="The health job checks every tenant regularly; a tenant that fails a check is listed here with the reason." />
      )}
    </Card>
  );
}
