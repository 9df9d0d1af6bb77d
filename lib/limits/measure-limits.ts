import type { Tx } from "@/lib/db/prisma";
import type { LimitResource } from "@/lib/schemas/limits";
import type { Limits } from "@/lib/tenants/plans";
import { loadUsage, prismaSql } from "@/lib/tenants/tenant-usage";
import { readUsageTotals } from "@/lib/usage/read-usage";

const BYTES_PER_GB = 1024 ** 3;

export type Measured = { resource: LimitResource; current: number; limit: number | null; unit: string };

/**
 * How each checked resource maps onto the tenant's limits and its usage, and
 * over what period an alert is raised once: a counter (API calls, bandwidth)
 * once per period it counts over, a gauge until it falls back below.
 */
export const RESOURCE_RULES: Record<LimitResource, { limitKey: keyof Limits; unit: string; period: "day" | "month" | "gauge" }> = {
  storage_quota: { limitKey: "storage_gb", unit: "GB", period: "gauge" },
  api_rate_limits: { limitKey: "api_calls_per_day", unit: "calls/day", period: "day" },
  user_count: { limitKey: "users", unit: "users", period: "gauge" },
  database_connections: { limitKey: "database_connections", unit: "connections", period: "gauge" },
  bandwidth: { limitKey: "bandwidth_gb", unit: "GB/month", period: "month" },
};

/** The key of the period an alert belongs to at `now` ('' for gauges). */
export function periodKey(resource: LimitResource, now: Date): string {
  const period = RESOURCE_RULES[resource].period;
  if (period === "day") return now.toISOString().slice(0, 10);
  if (period === "month") return now.toISOString().slice(0, 7);
  return "";
}

/**
 * Current usage of each resource, read through loadUsage (lib/tenants/tenant-usage.ts),
 * the one reader the tenant list and detail use too; bandwidth is the reported
 * bandwidth_bytes of the UTC month so far, from the metering rollups.
 */
export async function measureLimits(tx: Tx, tenantId: string, limits: Limits, resources: readonly LimitResource[], now = new Date()): Promise<Measured[]> {
  const usage = (await loadUsage(prismaSql(tx), [tenantId], now)).get(tenantId)!;
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const bandwidth = resources.includes("bandwidth")
    ? ((await readUsageTotals(tx, [tenantId], { meters: ["bandwidth_bytes"], from: monthStart, to: now })).get(tenantId)?.bandwidth_bytes?.sum ?? 0)
    : 0;
  const current: Record<LimitResource, number | null> = {
    storage_quota: usage.storageGb,
    api_rate_limits: usage.apiCallsToday,
    user_count: usage.users,
    database_connections: usage.dbConnections,
    bandwidth: Math.round((bandwidth / BYTES_PER_GB) * 1e6) / 1e6,
  };
  return resources.flatMap((resource) => {
    const value = current[resource];
    if (value === null) return [];
    const rule = RESOURCE_RULES[resource];
    return [{ resource, current: value, limit: limits[rule.limitKey], unit: rule.unit }];
  });
}
