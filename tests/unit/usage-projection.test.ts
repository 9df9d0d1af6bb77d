import { describe, expect, it } from "vitest";
import { fitProjection } from "@/lib/tenants/usage-projection";

const origin = new Date("2026-11-01T00:00:00Z");
const day = (n: number) => new Date(origin.getTime() + n * 86_400_000);
const hour = (n: number) => new Date(origin.getTime() + n * 3_600_000);
const series = (values: number[], at = day) => values.map((value, i) => ({ t: at(i), value }));

describe("fitProjection (least squares through simple-statistics)", () => {
  it("finds the exact line of points on a line and extends a level 30 days past the period", () => {
    const f = fitProjection(series([2, 5, 8, 11, 14]), { granularity: "day", origin, from: day(5), kind: "level" });
    expect(f).toEqual({ method: "least_squares_linear", granularity: "day", points: 5, slope_per_day: 3, intercept: 2, r2: 1, estimate: 2 + 3 * 35, reason: null });
  });

  it("sums a counter along the line bucket by bucket over the next 30 days", () => {
    // 10 + 2x calls a day; the next 30 days start at x = 7: Σ_{k=0..29} 10 + 2(7 + k) = 30·24 + 2·435.
    const f = fitProjection(series([10, 12, 14, 16, 18, 20, 22]), { granularity: "day", origin, from: day(7), kind: "total" });
    expect(f.estimate).toBe(1590);
    expect(f.slope_per_day).toBe(2);
  });

  it("measures slope per day on hourly points, and sums 720 hourly buckets", () => {
    // One more call each hour: 24 more per day.
    const f = fitProjection(series([0, 1, 2, 3], hour), { granularity: "hour", origin, from: hour(4), kind: "total" });
    expect(f.slope_per_day).toBe(24);
    expect(f.intercept).toBe(0);
    // Σ_{k=0..719} (4 + k) = 720·4 + 719·720/2
    expect(f.estimate).toBe(720 * 4 + (719 * 720) / 2);
  });

  it("reports r² of a noisy fit: (0,1) (1,3) (2,2) → y = 1.5 + 0.5x, r² = 1 − 1.5/2", () => {
    const f = fitProjection(series([1, 3, 2]), { granularity: "day", origin, from: day(3), kind: "level" });
    expect(f).toMatchObject({ slope_per_day: 0.5, intercept: 1.5, r2: 0.25, estimate: 1.5 + 0.5 * 33 });
  });

  it("has no r² for a flat series, and clamps a falling line at zero", () => {
    expect(fitProjection(series([4, 4, 4]), { granularity: "day", origin, from: day(3), kind: "level" })).toMatchObject({ slope_per_day: 0, r2: null, estimate: 4 });
    expect(fitProjection(series([10, 5, 0]), { granularity: "day", origin, from: day(3), kind: "level" })).toMatchObject({ slope_per_day: -5, estimate: 0 });
  });

  it("refuses to project from fewer than 3 points, saying why", () => {
    expect(fitProjection(series([1, 2], hour), { granularity: "hour", origin, from: hour(2), kind: "total" })).toEqual({
      method: "least_squares_linear",
      granularity: "hour",
      points: 2,
      estimate: null,
      slope_per_day: null,
      intercept: null,
      r2: null,
      reason: "Needs at least 3 hourly points; the period has 2",
    });
  });
});
