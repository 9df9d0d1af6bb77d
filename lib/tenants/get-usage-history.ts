import "server-only";
import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { withTenantScope } from "@/lib/db/scope";
import { readUsageSeries } from "@/lib/usage/read-usage";

export type UsageDay = { day: string; users: number; storage_gb: number; api_calls: number; db_connections: number; bandwidth_gb: number };

const GB = 1024 ** 3;
const METERS = ["members", "storage_bytes", "api_calls", "db_connections", "bandwidth_bytes"];

/**
 * One row per day of the last `days` days that recorded anything (oldest
 * first), from the daily rollup inside the tenant's own scope: members and
 * connections at their daily peak, storage at its peak, the API calls and
 * bandwidth the product reported summed.
 */
export async function getUsageHistory(caller: Caller, tenantId: string, days = 90, now = new Date()): Promise<UsageDay[]> {
  authorize(caller, "tenants:read");
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (days - 1)));
  const series = await withTenantScope(tenantId, (tx) => readUsageSeries(tx, tenantId, { meters: METERS, from, to: now, granularity: "day" }));
  const byDay = new Map<string, UsageDay>();
  const row = (day: string) => {
    let r = byDay.get(day);
    if (!r) byDay.set(day, (r = { day, users: 0, storage_gb: 0, api_calls: 0, db_connections: 0, bandwidth_gb: 0 }));
    return r;
  };
  for (const p of series.members) row(p.t).users = p.max;
  for (const p of series.storage_bytes) row(p.t).storage_gb = Math.round((p.max / GB) * 100) / 100;
  for (const p of series.api_calls) row(p.t).api_calls = p.sum;
  for (const p of series.db_connections) row(p.t).db_connections = p.max;
  for (const p of series.bandwidth_bytes) row(p.t).bandwidth_gb = Math.round((p.sum / GB) * 10) / 10;
  return [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day));
}
