"use client";

import { Area, AreaChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type UsagePoint = { day: string; value: number };

const dayFmt = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
const longDayFmt = new Intl.DateTimeFormat("en-US", { weekday: "short", month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

/**
 * One usage metric over time as an area chart, with the tenant's limit as a
 * dashed line when the limit is near enough to the data to be worth showing.
 * Drawn inside a ChartFrame, which gives it its title, summary and table view.
 */
export function UsageHistoryChart({ data, label, unit, limit, color = "var(--color-indigo-600, #4f46e5)", height = 240 }: { data: UsagePoint[]; label: string; unit?: string; limit?: number | null; color?: string; height?: number }) {
  const max = data.reduce((m, p) => Math.max(m, p.value), 0);
  const showLimit = typeof limit === "number" && limit > 0 && limit <= max * 2.5;
  const gradientId = `usage-fill-${label.replace(/\W+/g, "-")}`;
  const fmt = (v: number) => `${v < 1000 ? v.toLocaleString("en-US", { maximumFractionDigits: 2 }) : compact.format(v)}${unit ? ` ${unit}` : ""}`;

  return (
    <div style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
          <defs>
            <linearGradient id={gradientId} x1="0" y1="0" x2="0" y2="1">
              <stop offset="0%" stopColor={color} stopOpacity={0.22} />
              <stop offset="100%" stopColor={color} stopOpacity={0.02} />
            </linearGradient>
          </defs>
          <CartesianGrid stroke="var(--chart-grid)" strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="day"
            tickFormatter={(d: string) => dayFmt.format(new Date(`${d}T00:00:00Z`))}
            tick={{ fontSize: 11, fill: "var(--chart-axis)" }}
            tickLine={false}
            axisLine={{ stroke: "var(--chart-grid)" }}
            minTickGap={28}
          />
          <YAxis
            tickFormatter={(v: number) => compact.format(v)}
            tick={{ fontSize: 11, fill: "var(--chart-axis)" }}
            tickLine={false}
            axisLine={false}
            width={44}
            domain={[0, showLimit ? Math.max(max, limit!) * 1.05 : "auto"]}
          />
          <Tooltip
            cursor={{ stroke: "var(--chart-cursor)", strokeDasharray: "3 3" }}
            content={({ active, payload }) => {
              const p = active && payload?.[0] ? (payload[0].payload as UsagePoint) : null;
              if (!p) return null;
              return (
                <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs shadow-md">
                  <p className="text-slate-500">{longDayFmt.format(new Date(`${p.day}T00:00:00Z`))}</p>
                  <p className="mt-0.5 font-medium text-slate-900 tabular-nums">
                    {label}: {fmt(p.value)}
                  </p>
                </div>
              );
            }}
          />
          {showLimit ? (
            <ReferenceLine y={limit!} stroke="var(--color-red-500, #ef4444)" strokeDasharray="4 4" strokeOpacity={0.7} label={{ value: `Limit ${compact.format(limit!)}`, position: "insideTopRight", fontSize: 11, fill: "var(--color-red-600, #dc2626)" }} />
          ) : null}
          <Area type="monotone" dataKey="value" name={label} stroke={color} strokeWidth={2} fill={`url(#${gradientId})`} dot={false} activeDot={{ r: 4, strokeWidth: 0 }} isAnimationActive={false} />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
