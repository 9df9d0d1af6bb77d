import { periodDays, type AnalyticsPeriod } from "@/lib/schemas/analytics";

const DAY_MS = 86_400_000;

/**
 * A period of N days is the last N UTC days, today included (so up to now);
 * the previous period is the N days before it (retention and growth compare
 * the two). `dayList` holds the period's days, oldest first, for daily series.
 */
export function analyticsWindow(period: AnalyticsPeriod, now = new Date()) {
  const n = periodDays(period);
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const from = new Date(today - (n - 1) * DAY_MS);
  const prevFrom = new Date(from.getTime() - n * DAY_MS);
  const dayList = Array.from({ length: n }, (_, i) => new Date(from.getTime() + i * DAY_MS).toISOString().slice(0, 10));
  return { days: n, from, to: now, prevFrom, dayList };
}

export type AnalyticsWindow = ReturnType<typeof analyticsWindow>;

/** Ratio rounded to 4 decimals; null when the denominator is 0. */
export const ratio = (a: number, b: number): number | null => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : null);
export const round2 = (v: number) => Math.round(v * 100) / 100;
export const BYTES_PER_GB = 1024 ** 3;
