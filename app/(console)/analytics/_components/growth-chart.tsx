"use client";

import { useState } from "react";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFrame } from "@/components/charts/chart-frame";
import type { ColumnDef } from "@/components/ui/data-table";
import { Select } from "@/components/ui/select";
import type { CrossTenantAnalytics } from "@/lib/schemas/analytics";
import { fmtCount } from "./format";

type Day = CrossTenantAnalytics["timeline"][number];
const SERIES = { api_calls: { label: "API calls per day", color: "var(--color-indigo-600, #4f46e5)" }, tenants: { label: "Tenants", color: "var(--color-cyan-600, #0891b2)" } } as const;
type SeriesKey = keyof typeof SERIES;
const SERIES_KEYS = Object.keys(SERIES) as SeriesKey[];

const dayFmt = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
const day = (d: string) => dayFmt.format(new Date(`${d}T00:00:00Z`));

const columns: ColumnDef<Day, unknown>[] = [
  { id: "date", header: "Day (UTC)", meta: { card: "title" }, cell: ({ row }) => day(row.original.date) },
  { id: "api_calls", header: "API calls", meta: { className: "text-right tabular-nums" }, cell: ({ row }) => fmtCount(row.original.api_calls) },
  { id: "tenants", header: "Tenants", meta: { className: "text-right tabular-nums" }, cell: ({ row }) => fmtCount(row.original.tenants) },
];

/** The platform per day of the period: API calls of every tenant, or how many tenants existed. */
export function GrowthChart({ timeline, busy }: { timeline: Day[]; busy?: boolean }) {
  const [series, setSeries] = useState<SeriesKey>("api_calls");
  const s = SERIES[series];
  const values = timeline.map((d) => d[series]);
  const first = values[0];
  const last = values[values.length - 1];
  const nothing = timeline.length === 0 || values.every((v) => v === 0);
  const summary = nothing
    ? ""
    : `${s.label} from ${day(timeline[0].date)} to ${day(timeline[timeline.length - 1].date)}: ${fmtCount(first)} on the first day, ${fmtCount(last)} so far on the last (still in progress), highest ${fmtCount(Math.max(...values))}.`;
  // The last day is still filling: its segment is dashed, so a morning's low count does not read as a collapse.
  const rows = timeline.map((d, i) => ({ ...d, done: i < timeline.length - 1 ? d[series] : null, partial: i >= timeline.length - 2 ? d[series] : null }));
  return (
    <ChartFrame
      title="Growth"
      description="Per day of the period (UTC)"
      summary={summary}
      busy={busy}
      testId="growth-chart"
      actions={
        <Select aria-label="Growth metric" value={series} onChange={(e) => setSeries(e.target.value as SeriesKey)} className="w-44">
          {SERIES_KEYS.map((k) => (
            <option key={k} value={k}>
              {SERIES[k].label}
            </option>
          ))}
        </Select>
      }
      empty={nothing ? { title: series === "api_calls" ? "No API calls reported in this period" : "No tenants in this period", description: series === "api_calls" ? "The product reports API calls through POST /api/v1/usage/events; the line starts with the first report." : undefined } : null}
      table={{ columns, rows: timeline, getRowId: (d) => d.date }}
      footer={
        nothing ? null : (
          <p className="flex items-center gap-1.5 text-xs text-slate-500">
            <span aria-hidden="true" className="inline-block w-4 border-t-2 border-dashed" style={{ borderColor: s.color }} />
            Today, still in progress
          </p>
        )
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke="var(--chart-grid)" strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="date" tickFormatter={day} tick={{ fontSize: 11, fill: "var(--chart-axis)" }} tickLine={false} axisLine={{ stroke: "var(--chart-grid)" }} minTickGap={28} />
          <YAxis tickFormatter={(v: number) => fmtCount(v)} allowDecimals={false} tick={{ fontSize: 11, fill: "var(--chart-axis)" }} tickLine={false} axisLine={false} width={44} />
          <Tooltip
            cursor={{ stroke: "var(--chart-cursor)", strokeDasharray: "3 3" }}
            content={({ active, payload }) => {
              const p = active && payload?.[0] ? (payload[0].payload as Day) : null;
              return p ? (
                <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs shadow-md">
                  <p className="text-slate-500">{day(p.date)}</p>
                  <p className="mt-0.5 font-medium text-slate-900 tabular-nums">
                    {s.label}: {fmtCount(p[series])}
                  </p>
                </div>
              ) : null;
            }}
          />
          <Line type="monotone" dataKey="done" stroke={s.color} strokeWidth={2} dot={false} activeDot={{ r: 4, strokeWidth: 0 }} isAnimationActive={false} />
          <Line type="monotone" dataKey="partial" stroke={s.color} strokeWidth={2} strokeDasharray="4 4" dot={false} activeDot={{ r: 4, strokeWidth: 0 }} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
