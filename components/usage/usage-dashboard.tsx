"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { PeriodSwitcher } from "@/components/charts/period-switcher";
import { UsageTimeSeries, type Granularity } from "@/components/charts/usage-time-series";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { UsageBar } from "@/components/ui/usage-bar";
import { usageDashboardAction } from "@/lib/actions/usage-actions";
import { ApiError } from "@/lib/query/fetch-api";
import { USAGE_PERIODS, type UsagePeriod } from "@/lib/schemas/usage";
import { auditMarkers } from "./audit-markers";
import { chartPoints, projectionLine } from "./usage-chart-data";
import { USAGE_CHARTS, unavailableLabel, type UsageChartSpec } from "./usage-chart-specs";
import type { UsageDashboardData } from "@/lib/usage/usage-dashboard-data";
import { usageDashboardKey } from "./usage-dashboard-data";

const PERIOD_WORDS: Record<UsagePeriod, string> = { "1h": "Last hour", "24h": "Last 24 hours", "7d": "Last 7 days", "30d": "Last 30 days" };

async function load(tenantId: string, period: UsagePeriod): Promise<UsageDashboardData> {
  const r = await usageDashboardAction(tenantId, period);
  if (!r.ok) throw new ApiError(r.code === "internal_error" ? 500 : 400, r.code, r.message);
  return r.data;
}

/**
 * A tenant's usage charts for a period the viewer picks: one chart per metric
 * with its limit, alert bands, projection and the tenant's plan, limit and
 * status changes as markers; the limits at a glance; and the figures Atrium
 * does not measure, named rather than drawn. The console's Usage tab and the
 * portal's Usage page both show it; the first period comes from the server.
 */
export function UsageDashboard({ tenantId, initial }: { tenantId: string; initial: UsageDashboardData | null }) {
  const [period, setPeriod] = useState<UsagePeriod>(initial?.period ?? "7d");
  const q = useQuery({
    queryKey: usageDashboardKey(tenantId, period),
    queryFn: () => load(tenantId, period),
    initialData: initial && initial.period === period ? initial : undefined,
    // The figures of the period shown stay (dimmed) while another period loads, so the page does not jump.
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const data = q.data;
  const busy = q.isFetching && q.isPlaceholderData;

  return (
    <div className="space-y-6" data-testid="usage-dashboard">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-[13px] text-slate-600" aria-live="polite">
          {PERIOD_WORDS[period]}
          {data && !busy ? ` · ${data.granularity === "hour" ? "hourly" : "daily"} figures, UTC` : busy || q.isPending ? " · loading…" : ""}
        </p>
        <PeriodSwitcher periods={USAGE_PERIODS} value={period} onChange={setPeriod} label="Usage period" describe={(p) => PERIOD_WORDS[p]} />
      </div>
      {q.isError && !data ? (
        <Alert tone="danger" title="Usage could not be loaded">
          {q.error.message}
        </Alert>
      ) : null}
      {data ? <LimitsGlance data={data} /> : null}
      <div className="grid min-w-0 gap-6 xl:grid-cols-2">
        {data ? USAGE_CHARTS.map((spec) => <UsageChart key={spec.key} spec={spec} data={data} busy={busy} />) : q.isPending ? <ChartSkeletons /> : null}
      </div>
      {data ? <NotMeasured paths={data.usage.unavailable_metrics} /> : null}
    </div>
  );
}

function UsageChart({ spec, data, busy }: { spec: UsageChartSpec; data: UsageDashboardData; busy: boolean }) {
  const g: Granularity = data.granularity;
  const from = new Date(data.from).getTime();
  const to = new Date(data.to).getTime();
  const points = chartPoints(spec, data.series);
  const hasData = points.some((p) => Object.values(p.values).some((v) => typeof v === "number"));
  const limit = spec.limit?.(data.usage, g);
  const effective = spec.resource ? data.thresholds.effective[spec.resource] : undefined;
  const projection = projectionLine(spec.fit ? data.usage.projections?.fits[spec.fit] : undefined, { from, to }, points.at(-1)?.t, spec.projectionLabel?.(data.usage) ?? "The dashed line continues the least-squares trend");
  const markers = data.events ? auditMarkers(data.events) : [];
  const note = spec.limitNote?.(data.usage, g);

  return (
    <UsageTimeSeries
      testId={`usage-chart-${spec.key}`}
      title={spec.title}
      description={spec.description}
      series={spec.lines}
      points={points}
      granularity={g}
      from={from}
      to={to}
      format={spec.format}
      limit={limit}
      thresholds={effective ? { warning: effective.warning_percent, critical: effective.critical_percent } : null}
      projection={projection}
      markers={markers}
      busy={busy}
      note={note}
      empty={hasData ? null : { title: spec.emptyTitle, description: spec.emptyHint }}
    />
  );
}

const GLANCE: { key: keyof UsageDashboardData["usage"]["limits"]; label: string; unit?: string }[] = [
  { key: "users", label: "Seats" },
  { key: "storage_gb", label: "Storage", unit: "GB" },
  { key: "api_calls_daily", label: "API calls today" },
  { key: "database_connections", label: "Database connections" },
];

function LimitsGlance({ data }: { data: UsageDashboardData }) {
  return (
    <Card>
      <CardHeader title="Limits" description="Where the tenant stands against each limit now" />
      <CardBody>
        <dl className="grid gap-x-8 gap-y-4 sm:grid-cols-2 lg:grid-cols-4" data-testid="usage-limits-glance">
          {GLANCE.map((x) => {
            const l = data.usage.limits[x.key];
            return (
              <div key={x.key} className="min-w-0">
                <dt className="mb-1 text-xs font-medium text-slate-500">{x.label}</dt>
                <dd>
                  <UsageBar current={l.current} limit={l.limit} unit={x.unit} label={x.label} />
                </dd>
              </div>
            );
          })}
        </dl>
      </CardBody>
    </Card>
  );
}

function NotMeasured({ paths }: { paths: string[] }) {
  if (!paths.length) return null;
  return (
    <Card data-testid="usage-not-measured">
      <CardHeader title="Not measured" description="Figures Atrium cannot measure for this tenant, or has no sample of yet. They are left out rather than estimated." />
      <CardBody>
        <ul className="grid list-disc gap-x-8 gap-y-1 pl-5 text-[13px] text-slate-600 sm:grid-cols-2">
          {paths.map((p) => (
            <li key={p}>{unavailableLabel(p)}</li>
          ))}
        </ul>
      </CardBody>
    </Card>
  );
}

function ChartSkeletons() {
  return (
    <>
      {[0, 1].map((i) => (
        <Card key={i} aria-hidden="true">
          <CardBody className="space-y-3">
            <Skeleton className="h-4 w-32" />
            <Skeleton className="h-56 w-full" />
          </CardBody>
        </Card>
      ))}
    </>
  );
}
