import type { Tx } from "@/lib/db/prisma";

export const SPARKLINE_DAYS = 14;

/** UTC midnight `daysAgo` days before today. */
export function utcDay(now: Date, daysAgo = 0): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - daysAgo));
}

/**
 * API calls per day of the last 14 days for each tenant, oldest first, a day
 * without calls as 0: one query for the whole page of tenants.
 */
export async function loadUsageSparklines(tx: Tx, tenantIds: string[], now = new Date()): Promise<Map<string, number[]>> {
  const first = utcDay(now, SPARKLINE_DAYS - 1);
  const out = new Map<string, number[]>(tenantIds.map((id) => [id, Array<number>(SPARKLINE_DAYS).fill(0)]));
  if (tenantIds.length === 0) return out;
  const rows = await tx.tenantUsageDaily.findMany({ where: { tenantId: { in: tenantIds }, day: { gte: first } }, select: { tenantId: true, day: true, apiCalls: true } });
  for (const r of rows) {
    const i = Math.round((r.day.getTime() - first.getTime()) / 86_400_000);
    if (i >= 0 && i < SPARKLINE_DAYS) out.get(r.tenantId)![i] = r.apiCalls;
  }
  return out;
}
