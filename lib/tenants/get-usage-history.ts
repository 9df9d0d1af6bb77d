import "server-only";
import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { withTenantScope } from "@/lib/db/scope";

export type UsageDay = { day: string; users: number; storage_gb: number; api_calls: number; db_connections: number; bandwidth_gb: number };

/** One row per recorded day of the last `days` days (oldest first), read inside the tenant's own scope. */
export async function getUsageHistory(caller: Caller, tenantId: string, days = 90): Promise<UsageDay[]> {
  authorize(caller, "tenants:read");
  const now = new Date();
  const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (days - 1)));
  const rows = await withTenantScope(tenantId, (tx) => tx.tenantUsageDaily.findMany({ where: { tenantId, day: { gte: since } }, orderBy: { day: "asc" } }));
  return rows.map((r) => ({
    day: r.day.toISOString().slice(0, 10),
    users: r.users,
    storage_gb: r.storageGb,
    api_calls: r.apiCalls,
    db_connections: r.dbConnections,
    bandwidth_gb: r.bandwidthGb,
  }));
}
