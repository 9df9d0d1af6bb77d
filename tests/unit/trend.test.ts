import { describe, expect, it } from "vitest";
import { classifyTrend, dailyPoints, tCritical95 } from "@/lib/analytics/trend";

describe("trend classification by the significance of the least-squares slope", () => {
  it("calls a flat series with noise steady", () => {
    // Alternating ±5 around 100: the fitted slope is tiny against the scatter.
    const values = [100, 105, 95, 104, 96, 103, 97, 105, 95, 100, 104, 96, 101, 99];
    const t = classifyTrend(dailyPoints(values));
    expect(t.direction).toBe("steady");
    expect(Math.abs(t.t_statistic!)).toBeLessThanOrEqual(t.t_critical!);
    expect(t.t_critical).toBe(2.179); // 12 degrees of freedom
  });

  it("calls a clear rise increasing and a clear fall decreasing, with the hand-computed slope and t", () => {
    // y = 10 + 2x + noise (+1, −1, …): slope 2, residual scatter about 1.
    const rise = [11, 11, 15, 15, 19, 19, 23, 23, 27, 27];
    const t = classifyTrend(dailyPoints(rise));
    expect(t.direction).toBe("increasing");
    // By hand: x̄ = 4.5, Sxx = 82.5, Sxy = 165 + ... → slope = Σ(x−x̄)(y−ȳ)/Sxx.
    const xs = rise.map((_, i) => i);
    const mx = 4.5;
    const my = rise.reduce((a, b) => a + b, 0) / rise.length;
    const sxx = xs.reduce((s, x) => s + (x - mx) ** 2, 0);
    const slope = xs.reduce((s, x, i) => s + (x - mx) * (rise[i] - my), 0) / sxx;
    const sse = xs.reduce((s, x, i) => s + (rise[i] - (my + slope * (x - mx))) ** 2, 0);
    const tHand = slope / (Math.sqrt(sse / 8) / Math.sqrt(sxx));
    expect(t.slope_per_day).toBeCloseTo(slope, 6);
    expect(t.t_statistic).toBeCloseTo(tHand, 2);
    expect(t.t_critical).toBe(2.306);
    expect(classifyTrend(dailyPoints([...rise].reverse())).direction).toBe("decreasing");
  });

  it("answers steady with a reason when 2 points leave no degree of freedom", () => {
    const t = classifyTrend([[0, 1], [1, 1000]]);
    expect(t).toMatchObject({ direction: "steady", slope_per_day: null, t_statistic: null, points: 2 });
    expect(t.reason).toMatch(/at least 3/);
  });

  it("treats an exact straight line as certain, and an exactly flat one as steady", () => {
    expect(classifyTrend(dailyPoints([1, 2, 3, 4])).direction).toBe("increasing");
    expect(classifyTrend(dailyPoints([7, 7, 7, 7])).direction).toBe("steady");
  });

  it("keeps a visible but insignificant slope steady, and calls a tighter one of the same size increasing", () => {
    // Hand-computed (numpy polyfit): slope 0.92, t = 2.401 ≤ 4.303 at 2 degrees of freedom.
    const loose = classifyTrend(dailyPoints([0, 1.9, 1.2, 3.3]));
    expect(loose).toMatchObject({ direction: "steady", t_critical: 4.303 });
    expect(loose.t_statistic).toBeCloseTo(2.401, 3);
    // Slope 1.09, t = 7.576 > 4.303.
    const tight = classifyTrend(dailyPoints([0, 1, 2.6, 3.1]));
    expect(tight.direction).toBe("increasing");
    expect(tight.t_statistic).toBeCloseTo(7.576, 3);
  });

  it("reads the t table conservatively between listed degrees of freedom", () => {
    expect(tCritical95(1)).toBe(12.706);
    expect(tCritical95(30)).toBe(2.042);
    expect(tCritical95(35)).toBe(2.042);
    expect(tCritical95(88)).toBe(1.99);
    expect(tCritical95(10_000)).toBe(1.98);
    expect(tCritical95(Infinity)).toBe(1.96);
    expect(() => tCritical95(0)).toThrow();
  });
});
