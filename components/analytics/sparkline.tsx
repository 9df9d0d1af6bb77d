"use client";

import { Line, LineChart, YAxis } from "recharts";

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

/**
 * The numbers a sparkline draws, said in words: screen readers get what the
 * eye gets from the line (range, where it ended, and the direction).
 */
export function sparklineSummary(label: string, values: readonly number[], unit = ""): string {
  if (values.length === 0) return `${label}: no usage recorded`;
  const u = unit ? ` ${unit}` : "";
  const min = Math.min(...values);
  const max = Math.max(...values);
  const first = values[0];
  const last = values[values.length - 1];
  const direction = last > first ? "up" : last < first ? "down" : "flat";
  return `${label} over ${values.length} days: from ${compact.format(first)} to ${compact.format(last)}${u} (${direction}), low ${compact.format(min)}, high ${compact.format(max)}`;
}

/**
 * A tiny line with no axes for a table cell. Fixed size (no ResponsiveContainer):
 * it draws in the server's HTML and never measures its parent on every resize.
 */
export function Sparkline({ values, label, unit, width = 96, height = 28, color = "var(--color-indigo-600, #4f46e5)" }: { values: readonly number[]; label: string; unit?: string; width?: number; height?: number; color?: string }) {
  const summary = sparklineSummary(label, values, unit);
  if (values.length === 0) {
    return (
      <span className="text-xs text-slate-500" aria-label={summary} role="img">
        No data
      </span>
    );
  }
  const data = values.map((v, i) => ({ i, v }));
  return (
    <span role="img" aria-label={summary} title={summary} className="inline-block align-middle">
      <LineChart width={width} height={height} data={data} margin={{ top: 3, right: 2, bottom: 3, left: 2 }} accessibilityLayer={false}>
        <YAxis hide domain={["dataMin", "dataMax"]} />
        <Line type="monotone" dataKey="v" stroke={color} strokeWidth={1.5} dot={false} isAnimationActive={false} />
      </LineChart>
    </span>
  );
}
