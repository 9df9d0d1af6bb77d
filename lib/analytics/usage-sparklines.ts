import type { Tx } from "@/lib/db/prisma";
import { readDailyTotals } from "@/lib/usage/read-daily-totals";

export const SPARKLINE_DAYS = 14;
/** What the daily API-call limit counts (lib/tenants/tenant-usage.ts): reported calls and Atrium's own. */
export const API_CALL_METERS = ["api_calls", "atrium_api_calls"] as const;
const DAY_MS = 86_400_000;

/** UTC midnight `daysAgo` days before `now`'s day. */
export function utcDay(now: Date, daysAgo = 0): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - daysAgo));
}

/** `values` by ISO day, laid on the `days` UTC days ending with `now`'s, a missing day as 0. */
export function onDays(byDay: Map<string, number>, days: number, now: Date): number[] {
  const first = utcDay(now, days - 1).getTime();
  return Array.from({ length: days }, (_, i) => byDay.get(new Date(first + i * DAY_MS).toISOString().slice(0, 10)) ?? 0);
}

/**
 * API calls per day of the last 14 days for each tenant, oldest first, a day
 * without calls as 0: those the product reported plus those its keys made to
 * Atrium, as the daily API limit counts them. One query for the whole page.
 */
export async function loadUsageSparklines(tx: Tx, tenantIds: string[], now = new Date()): Promise<Map<string, number[]>> {
  const rows = tenantIds.length ? await readDailyTotals(tx, tenantIds, { meters: API_CALL_METERS, from: utcDay(now, SPARKLINE_DAYS - 1), to: now }) : [];
  const per = new Map<string, Map<string, number>>(tenantIds.map((id) => [id, new Map()]));
  for (const r of rows) per.get(r.tenantId!)!.set(r.day, r.sum);
  return new Map(tenantIds.map((id) => [id, onDays(per.get(id)!, SPARKLINE_DAYS, now)]));
}
