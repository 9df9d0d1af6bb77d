"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { EndpointStats } from "./webhook-ops";

const hourFmt = new Intl.DateTimeFormat("en-US", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" });
const DELIVERED = "var(--color-emerald-600, #059669)";
const FAILED = "var(--color-red-600, #dc2626)";

/**
 * Deliveries per hour over the last 24 hours, delivered and failed stacked.
 * The chart is decoration for sighted users; its summary sentence is what
 * screen readers get, and what everyone gets when nothing was sent.
 */
export function DeliveryChart({ stats }: { stats: EndpointStats }) {
  const total = stats.hourly.reduce((n, h) => n + h.succeeded + h.failed, 0);
  const busiest = stats.hourly.reduce<EndpointStats["hourly"][number] | null>((m, h) => (!m || h.succeeded + h.failed > m.succeeded + m.failed ? h : m), null);
  const delivered = stats.hourly.reduce((n, h) => n + h.succeeded, 0);
  const failed = total - delivered;
  const attempts = (n: number) => `${n.toLocaleString("en-US")} attempt${n === 1 ? "" : "s"}`;
  const summary =
    total === 0
      ? "No delivery attempts in the last 24 hours."
      : `Last 24 hours: ${attempts(delivered)} delivered, ${attempts(failed)} failed${
          busiest && busiest.succeeded + busiest.failed > 0 ? `; busiest hour ${hourFmt.format(new Date(busiest.hour))} UTC with ${attempts(busiest.succeeded + busiest.failed)}` : ""
        }.`;
  return (
    <figure>
      <div aria-hidden="true" className="h-48">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={stats.hourly} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid stroke="var(--chart-grid)" strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="hour" tickFormatter={(h: string) => hourFmt.format(new Date(h))} tick={{ fontSize: 11, fill: "var(--chart-axis)" }} tickLine={false} axisLine={{ stroke: "var(--chart-grid)" }} minTickGap={24} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "var(--chart-axis)" }} tickLine={false} axisLine={false} width={36} />
            <Tooltip
              cursor={{ fill: "var(--chart-cursor-fill)" }}
              content={({ active, payload }) => {
                const p = active && payload?.[0] ? (payload[0].payload as EndpointStats["hourly"][number]) : null;
                if (!p) return null;
                return (
                  <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs shadow-md">
                    <p className="text-slate-500">{hourFmt.format(new Date(p.hour))} UTC</p>
                    <p className="mt-0.5 text-emerald-700 tabular-nums">Delivered: {p.succeeded}</p>
                    <p className="text-red-700 tabular-nums">Failed: {p.failed}</p>
                  </div>
                );
              }}
            />
            <Legend iconType="square" iconSize={10} wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="succeeded" name="Delivered" stackId="d" fill={DELIVERED} isAnimationActive={false} />
            <Bar dataKey="failed" name="Failed" stackId="d" fill={FAILED} radius={[2, 2, 0, 0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption data-testid="delivery-chart-summary" className="mt-2 text-xs text-slate-600">
        {summary}
      </figcaption>
    </figure>
  );
}
