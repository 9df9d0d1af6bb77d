import { linearRegression, linearRegressionLine } from "simple-statistics";
import type { z } from "zod";
import type { trendSchema } from "@/lib/schemas/analytics";

export type Trend = z.output<typeof trendSchema>;

/**
 * Two-sided 95 % critical values of Student's t (the 0.975 quantile) by
 * degrees of freedom, from the standard table. Between two listed degrees of
 * freedom the smaller one's value is used: it is the larger critical value,
 * so a slope is never called significant on a rounding of the table.
 */
const T_975: ReadonlyArray<readonly [number, number]> = [
  [1, 12.706], [2, 4.303], [3, 3.182], [4, 2.776], [5, 2.571], [6, 2.447], [7, 2.365], [8, 2.306], [9, 2.262], [10, 2.228],
  [11, 2.201], [12, 2.179], [13, 2.16], [14, 2.145], [15, 2.131], [16, 2.12], [17, 2.11], [18, 2.101], [19, 2.093], [20, 2.086],
  [21, 2.08], [22, 2.074], [23, 2.069], [24, 2.064], [25, 2.06], [26, 2.056], [27, 2.052], [28, 2.048], [29, 2.045], [30, 2.042],
  [40, 2.021], [50, 2.009], [60, 2.0], [80, 1.99], [100, 1.984], [120, 1.98], [Infinity, 1.96],
];

export function tCritical95(df: number): number {
  if (!(df >= 1)) throw new RangeError("degrees of freedom must be at least 1");
  let value = T_975[0][1];
  for (const [d, t] of T_975) {
    if (d > df) break;
    value = t;
  }
  return value;
}

const round = (v: number, digits = 6) => Number(v.toFixed(digits));

/**
 * increasing / steady / decreasing for a series of `[x, y]` points (x in
 * days): the least-squares slope (simple-statistics) is a direction only when
 * it is significant at 95 %, i.e. |t| = |slope / SE(slope)| exceeds the
 * two-sided Student t critical value for n − 2 degrees of freedom, where
 * SE(slope) = sqrt(Σ residual² / (n − 2)) / sqrt(Σ (x − x̄)²). Fewer than three
 * points leave no degree of freedom to judge noise by: steady, and the reason says so.
 */
export function classifyTrend(points: ReadonlyArray<readonly [number, number]>): Trend {
  const n = points.length;
  if (n < 3) return { direction: "steady", slope_per_day: null, t_statistic: null, t_critical: null, points: n, reason: `Only ${n} point${n === 1 ? "" : "s"}: at least 3 are needed to tell a trend from noise` };
  const data = points.map(([x, y]) => [x, y]);
  const { m, b } = linearRegression(data);
  const line = linearRegressionLine({ m, b });
  const meanX = points.reduce((s, [x]) => s + x, 0) / n;
  const sxx = points.reduce((s, [x]) => s + (x - meanX) ** 2, 0);
  const sse = points.reduce((s, [x, y]) => s + (y - line(x)) ** 2, 0);
  const df = n - 2;
  const tCrit = tCritical95(df);
  if (sxx === 0) return { direction: "steady", slope_per_day: null, t_statistic: null, t_critical: tCrit, points: n, reason: "All points share one date" };
  const se = Math.sqrt(sse / df) / Math.sqrt(sxx);
  // A perfect fit has no noise: any non-zero slope is certain (t is infinite).
  const t = se === 0 ? (m === 0 ? 0 : Math.sign(m) * Infinity) : m / se;
  const significant = Math.abs(t) > tCrit;
  const direction = !significant ? "steady" : m > 0 ? "increasing" : "decreasing";
  const tShown = Number.isFinite(t) ? round(t, 3) : null;
  const reason = significant
    ? `Slope ${round(m, 4)}/day is significant: |t| = ${tShown ?? "∞ (exact fit)"} > ${tCrit} (95 %, ${df} degrees of freedom)`
    : `Slope ${round(m, 4)}/day is not significant: |t| = ${round(Math.abs(t), 3)} ≤ ${tCrit} (95 %, ${df} degrees of freedom)`;
  return { direction, slope_per_day: round(m), t_statistic: tShown, t_critical: tCrit, points: n, reason };
}

/** A series of daily values (index = day) as regression points. */
export const dailyPoints = (values: readonly number[]): [number, number][] => values.map((v, i) => [i, v]);
