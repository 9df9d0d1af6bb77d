import { linearRegression, linearRegressionLine, rSquared } from "simple-statistics";
import type { ProjectionFit } from "@/lib/schemas/usage";

export const PROJECTION_HORIZON_DAYS = 30;
/** Fewer points than this make no trend worth a number: two points always fit a line exactly. */
export const MIN_PROJECTION_POINTS = 3;
const DAY_MS = 86_400_000;

export type SeriesPoint = { t: Date; value: number };
export type ProjectionShape = {
  granularity: "hour" | "day";
  /** x = 0 of the line (the fit's intercept is the value there). */
  origin: Date;
  /** Where the projection starts: "now", the end of the period. */
  from: Date;
  /**
   * `level`: a gauge (storage, members): the line's value `horizon` days after `from`.
   * `total`: a counter (API calls per bucket): the line summed bucket by bucket over the next `horizon` days.
   */
  kind: "level" | "total";
};

const round = (v: number, digits = 6) => Math.round(v * 10 ** digits) / 10 ** digits;

/**
 * A least-squares line (simple-statistics' linearRegression) through the
 * points, x in days since `origin`, extended 30 days past `from`. Negative
 * predictions are clamped at 0 (no usage is below nothing). r² says how much
 * of the points' variation the line explains, so a reader can tell a trend
 * from noise; a perfectly flat series has no variation to explain (r² null).
 */
export function fitProjection(points: SeriesPoint[], shape: ProjectionShape): ProjectionFit {
  const base = { method: "least_squares_linear" as const, granularity: shape.granularity, points: points.length };
  if (points.length < MIN_PROJECTION_POINTS) {
    const unit = shape.granularity === "hour" ? "hourly" : "daily";
    return { ...base, estimate: null, slope_per_day: null, intercept: null, r2: null, reason: `Needs at least ${MIN_PROJECTION_POINTS} ${unit} points; the period has ${points.length}` };
  }
  const data = points.map((p) => [(p.t.getTime() - shape.origin.getTime()) / DAY_MS, p.value]);
  const { m, b } = linearRegression(data);
  const line = linearRegressionLine({ m, b });
  const flat = data.every(([, y]) => y === data[0][1]);
  const r2 = flat ? null : rSquared(data, line);
  const start = (shape.from.getTime() - shape.origin.getTime()) / DAY_MS;
  let estimate: number;
  if (shape.kind === "level") {
    estimate = Math.max(0, line(start + PROJECTION_HORIZON_DAYS));
  } else {
    const perDay = shape.granularity === "hour" ? 24 : 1;
    estimate = 0;
    for (let k = 0; k < PROJECTION_HORIZON_DAYS * perDay; k += 1) estimate += Math.max(0, line(start + k / perDay));
  }
  return { ...base, estimate: round(estimate, 4), slope_per_day: round(m), intercept: round(b), r2: r2 === null || Number.isNaN(r2) ? null : round(r2), reason: null };
}
