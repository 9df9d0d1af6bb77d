import { readDailyTotals } from "@/lib/usage/read-daily-totals";
import type { UsageTx } from "@/lib/usage/usage-sql";

export const SPARKLINE_DAYS = 14;
/** What the daily API-call limit counts (lib/tenants/tenant-usage.ts): reported calls and Atrium's own. */
export const API_CALL_METERS = ["api_calls", "atrium_api_calls"] as const;
const DAY_MS = 86_400_000;

/** UTC midnight `daysAgo` days before `now`'s day. */
export function utcDay(now: Date, daysAgo = 0): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - daysAgo));
}

/**
 * API calls per day of the last 14 days for each tenant, oldest first, a day
 * without calls as 0: those the product reported plus those its keys made to
 * Atrium, as the daily API limit counts them. One query for the whole page.
 */
export async function loadUsageSparklines(tx: UsageTx, tenantIds: string[], now = new Date()): Promise<Map<string, number[]>> {
  const rows = tenantIds.length ? await readDailyTotals(tx, tenantIds, { meters: API_CALL_METERS, from: utcDay(now, SPARKLINE_DAYS - 1), to: now }) : [];
  // The 14 day labels once for the page, not per tenant (a Date and an ISO string each: they showed in the list's profile).
  const first = utcDay(now, SPARKLINE_DAYS - 1).getTime();
  const dayIndex = new Map(Array.from({ length: SPARKLINE_DAYS }, (_, i) => [new Date(first + i * DAY_MS).toISOString().slice(0, 10), i]));
  const out = new Map<string, number[]>(tenantIds.map((id) => [id, new Array<number>(SPARKLINE_DAYS).fill(0)]));
  for (const r of rows) {
    const i = dayIndex.get(r.day);
    if (i !== undefined) out.get(r.tenantId!)![i] = r.sum;
  }
  return out;
}
