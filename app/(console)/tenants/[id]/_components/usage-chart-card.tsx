"use client";

import { useState } from "react";
import { ChartFrame } from "@/components/charts/chart-frame";
import { UsageHistoryChart } from "@/components/charts/usage-history-chart";
import { cn } from "@/components/ui/cn";
import type { ColumnDef } from "@/components/ui/data-table";
import type { UsageDay } from "@/lib/tenants/get-usage-history";
import type { Limits } from "@/lib/tenants/plans";

const METRICS = [
  { key: "api_calls", label: "API calls", unit: "", limit: (l: Limits) => l.api_calls_per_day, color: "var(--color-indigo-600, #4f46e5)" },
  { key: "storage_gb", label: "Storage", unit: "GB", limit: (l: Limits) => l.storage_gb, color: "var(--color-cyan-600, #0891b2)" },
  { key: "users", label: "Users", unit: "", limit: (l: Limits) => l.users, color: "var(--color-violet-600, #7c3aed)" },
  { key: "db_connections", label: "DB connections", unit: "", limit: (l: Limits) => l.database_connections, color: "var(--color-emerald-600, #059669)" },
  { key: "bandwidth_gb", label: "Bandwidth", unit: "GB", limit: () => null, color: "var(--color-amber-600, #d97706)" },
] as const;

type MetricKey = (typeof METRICS)[number]["key"];
type Row = { day: string; value: number };

const dayFmt = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
const fmt = (v: number, unit: string) => `${v.toLocaleString("en-US", { maximumFractionDigits: 2 })}${unit ? ` ${unit}` : ""}`;

/** The last 90 days of tenant_usage_daily, one metric at a time; the Usage tab has every metric with its limits and events. */
export function UsageChartCard({ history, limits }: { history: UsageDay[]; limits: Limits }) {
  const [metric, setMetric] = useState<MetricKey>("api_calls");
  const m = METRICS.find((x) => x.key === metric)!;
  const data: Row[] = history.map((d) => ({ day: d.day, value: d[metric] }));
  const limit = m.limit(limits);
  const latest = data.at(-1);
  const peak = data.reduce((p, r) => Math.max(p, r.value), 0);
  const summary = latest
    ? `${m.label} per day over the last ${data.length} days: latest ${fmt(latest.value, m.unit)} on ${dayFmt.format(new Date(`${latest.day}T00:00:00Z`))}, highest ${fmt(peak, m.unit)}${limit === null ? "" : `; limit ${fmt(limit, m.unit)}`}.`
    : "";
  const columns: ColumnDef<Row, unknown>[] = [
    { id: "day", header: "Day (UTC)", cell: ({ row }) => dayFmt.format(new Date(`${row.original.day}T00:00:00Z`)), meta: { card: "title" } },
    { id: "value", header: m.label, cell: ({ row }) => <span className="tabular-nums">{fmt(row.original.value, m.unit)}</span>, meta: { className: "text-right" } },
  ];
  return (
    <ChartFrame
      title="Usage history"
      description={history.length ? `Daily figures for the last ${history.length} days` : undefined}
      summary={summary}
      empty={history.length ? null : { title: "No usage recorded yet", description: "The chart fills in from the first reported event or 5-minute sample." }}
      table={{ label: `${m.label} per day`, columns, rows: [...data].reverse(), getRowId: (r) => r.day }}
      actions={
        history.length ? (
          <div role="radiogroup" aria-label="Metric" className="flex flex-wrap gap-1 rounded-lg bg-slate-100 p-0.5">
            {METRICS.map((x) => (
              <button
                key={x.key}
                type="button"
                role="radio"
                aria-checked={metric === x.key}
                onClick={() => setMetric(x.key)}
                className={cn(
                  "rounded-md px-2.5 py-1 text-xs font-medium transition-colors focus-visible:outline-2 focus-visible:outline-indigo-600",
                  metric === x.key ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900",
                )}
              >
                {x.label}
              </button>
            ))}
          </div>
        ) : null
      }
    >
      <UsageHistoryChart data={data} label={m.label} unit={m.unit || undefined} limit={limit} color={m.color} height={240} />
    </ChartFrame>
  );
}
