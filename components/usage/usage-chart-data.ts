import type { ProjectionLine, TimePoint } from "@/components/charts/usage-time-series";
import type { ProjectionFit } from "@/lib/schemas/usage";
import type { BucketsAt, UsageChartSpec } from "./usage-chart-specs";
import type { SeriesBucket } from "@/lib/usage/usage-dashboard-data";

const DAY_MS = 86_400_000;

/** The chart's points: one per bucket start that any of its meters has, each line's figure computed from that bucket's meters. */
export function chartPoints(spec: Pick<UsageChartSpec, "meters" | "lines">, series: Record<string, SeriesBucket[]>): TimePoint[] {
  const byTime = new Map<number, BucketsAt>();
  for (const meter of spec.meters) {
    for (const b of series[meter] ?? []) {
      // Daily buckets come as YYYY-MM-DD, which Date reads as UTC midnight.
      const t = new Date(b.t).getTime();
      byTime.set(t, { ...byTime.get(t), [meter]: b });
    }
  }
  return [...byTime.entries()].sort(([a], [b]) => a - b).map(([t, buckets]) => ({ t, values: Object.fromEntries(spec.lines.map((l) => [l.key, l.value(buckets)])) }));
}

/**
 * The usage API's least-squares line (its value at the period's start and its
 * slope per day), continued from the last bucket for a quarter of the period:
 * far enough to read the direction, near enough to stay honest. Levels do not
 * go below zero. No fit, or one without an estimate: no line.
 */
export function projectionLine(fit: ProjectionFit | undefined, period: { from: number; to: number }, lastBucket: number | undefined, label: string): ProjectionLine | null {
  if (!fit || fit.estimate === null || fit.slope_per_day === null || fit.intercept === null || lastBucket === undefined) return null;
  const { intercept, slope_per_day: slope } = fit;
  const at = (t: number) => Math.max(0, intercept + (slope * (t - period.from)) / DAY_MS);
  const end = period.to + (period.to - period.from) / 4;
  return { label, points: [lastBucket, end].map((t) => ({ t, value: at(t) })) };
}
