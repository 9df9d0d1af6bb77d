"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import type { z } from "zod";
import { PeriodSwitcher } from "@/components/charts/period-switcher";
import { PageHeader } from "@/components/console/page-header";
import { PLAN_DEFINITIONS, PLANS } from "@/lib/tenants/plans";
import { STATUS_LABELS } from "@/components/console/tenant-badges";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { fetchApi } from "@/lib/query/fetch-api";
import { queryKeys } from "@/lib/query/keys";
import { ANALYTICS_PERIODS, type CrossTenantAnalytics, type healthSummaryResponseSchema } from "@/lib/schemas/analytics";
import { TENANT_STATUSES } from "@/lib/schemas/tenant";
import { analyticsParamsToSearch, crossTenantPath, healthSummaryQuery, overviewQuery, parseAnalyticsParams, statusQuery, topTenantsQuery, type AnalyticsPageParams } from "./_lib/analytics-params";
import { CountBars, type CountRow } from "./_components/count-bars";
import { fmtCount, fmtGb } from "./_components/format";
import { GrowthChart } from "./_components/growth-chart";
import { HealthDistributionChart, WorstTenantsCard } from "./_components/health-cards";
import { KpiGrid } from "./_components/kpi-grid";
import { TopTenantsCard } from "./_components/top-tenants-card";
import type { ColumnDef } from "@/components/ui/data-table";

type HealthSummary = z.output<typeof healthSummaryResponseSchema>;
type SegmentRow = CountRow & { users: number; api: number; storage: number };

const PLAN_COLORS: Record<string, string> = { basic: "#64748b", professional: "#4f46e5", enterprise: "#7c3aed" };
const STATUS_COLORS: Record<string, string> = { provisioning: "#0ea5e9", active: "#10b981", suspended: "#f59e0b", archived: "#a1a1aa", pending_deletion: "#ef4444" };

const segmentColumns: ColumnDef<SegmentRow, unknown>[] = [
  { id: "users", header: "Members", meta: { className: "text-right tabular-nums" }, cell: ({ row }) => fmtCount(row.original.users) },
  { id: "api", header: "API calls", meta: { className: "text-right tabular-nums" }, cell: ({ row }) => fmtCount(row.original.api) },
  { id: "storage", header: "Storage", meta: { className: "text-right tabular-nums" }, cell: ({ row }) => fmtGb(row.original.storage) },
];

/** Every plan (or status) in a fixed order, a segment with no tenants as 0, so the bars never reshuffle between periods (statuses with none are then left out: five mostly empty rows say little). */
function segmentRows(data: CrossTenantAnalytics, keys: readonly string[], label: (k: string) => string, colors: Record<string, string>): SegmentRow[] {
  const by = new Map((data.segments ?? []).map((s) => [s.key, s]));
  return keys.map((k) => {
    const s = by.get(k);
    return { key: k, label: label(k), color: colors[k] ?? "#64748b", count: s?.tenants ?? 0, users: s?.total_users ?? 0, api: s?.total_api_calls ?? 0, storage: s?.total_storage_gb ?? 0 };
  });
}

export function AnalyticsPageClient() {
  const searchParams = useSearchParams();
  const params = parseAnalyticsParams((k) => searchParams.get(k));
  const navigate = (next: Partial<AnalyticsPageParams>) => window.history.pushState(null, "", `/analytics${analyticsParamsToSearch({ ...params, ...next })}`);

  const fetchCross = (q: Parameters<typeof crossTenantPath>[0]) => ({
    queryKey: queryKeys.analytics.crossTenant(q),
    queryFn: ({ signal }: { signal: AbortSignal }) => fetchApi<CrossTenantAnalytics>(crossTenantPath(q), { signal }),
    placeholderData: keepPreviousData,
  });
  const overview = useQuery(fetchCross(overviewQuery(params.period)));
  const byStatus = useQuery(fetchCross(statusQuery(params.period)));
  const top = useQuery(fetchCross(topTenantsQuery(params.period, params.rank)));
  const health = useQuery({
    queryKey: queryKeys.analytics.healthSummary(healthSummaryQuery),
    queryFn: ({ signal }) => fetchApi<HealthSummary>(`/api/v1/tenants/health-summary?limit=${healthSummaryQuery.limit}`, { signal }),
  });

  const failed = [overview, byStatus, top, health].find((q) => q.isError && !q.data);
  const o = overview.data;

  return (
    <div>
      <PageHeader
        title="Analytics"
        description="The whole platform at a glance: who uses it, how much, how it grows, and which tenants need attention."
        actions={<PeriodSwitcher periods={ANALYTICS_PERIODS} value={params.period} onChange={(period) => navigate({ period })} label="Period" describe={(p) => `Last ${p.slice(0, -1)} days`} />}
      />
      {failed ? (
        <Alert tone="danger" title="Could not load the analytics" actions={<Button size="sm" variant="secondary" onClick={() => void Promise.all([overview.refetch(), byStatus.refetch(), top.refetch(), health.refetch()])}>Retry</Button>}>
          {failed.error?.message}
        </Alert>
      ) : null}
      <div className="space-y-6">
        {o ? <KpiGrid data={o} /> : null}
        <div className="grid gap-6 lg:grid-cols-3">
          <div className="min-w-0 lg:col-span-2">{o ? <GrowthChart timeline={o.timeline} busy={overview.isPlaceholderData} /> : null}</div>
          <div className="min-w-0">{health.data ? <HealthDistributionChart summary={health.data} /> : null}</div>
        </div>
        <div className="grid gap-6 lg:grid-cols-2">
          {o ? (
            <CountBars
              title="Tenants by plan"
              description="Table view adds each plan's members, API calls and storage"
              rows={segmentRows(o, PLANS, (k) => PLAN_DEFINITIONS[k as (typeof PLANS)[number]].label, PLAN_COLORS)}
              columns={segmentColumns}
              noun="tenants"
              busy={overview.isPlaceholderData}
              testId="tenants-by-plan"
              empty={{ title: "No tenants yet", description: "Tenants appear here once the first one is created." }}
            />
          ) : null}
          {byStatus.data ? (
            <CountBars
              title="Tenants by status"
              description="Table view adds each status's members, API calls and storage"
              rows={segmentRows(byStatus.data, TENANT_STATUSES, (k) => STATUS_LABELS[k] ?? k, STATUS_COLORS).filter((r) => r.count > 0)}
              columns={segmentColumns}
              noun="tenants"
              busy={byStatus.isPlaceholderData}
              testId="tenants-by-status"
              empty={{ title: "No tenants yet", description: "Tenants appear here once the first one is created." }}
            />
          ) : null}
        </div>
        <TopTenantsCard data={top.data} rank={params.rank} onRank={(rank) => navigate({ rank })} busy={top.isFetching} />
        {health.data ? <WorstTenantsCard summary={health.data} /> : null}
      </div>
    </div>
  );
}
