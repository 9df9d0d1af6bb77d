import type { Tx } from "@/lib/db/prisma";
import type { SqlQuery } from "@/lib/db/sql-scope";
import type { Limits } from "@/lib/tenants/plans";
import { usagePercent } from "@/lib/tenants/serialize-tenant";

export type UsageSnapshot = { users: number; storageGb: number; apiCallsToday: number; dbConnections: number };

/** Usage of the tenants in scope: active members counted live, the rest from the newest daily row. */
export async function loadUsage(q: SqlQuery, tenantIds: string[]): Promise<Map<string, UsageSnapshot>> {
  const members = await q<{ tenant_id: string; users: number }>(
    "SELECT tenant_id, count(*)::int AS users FROM memberships WHERE tenant_id = ANY($1) AND status = 'active' GROUP BY tenant_id",
    [tenantIds],
  );
  const latest = await q<{ tenant_id: string; storage_gb: number; api_calls: number; db_connections: number }>(
    "SELECT DISTINCT ON (tenant_id) tenant_id, storage_gb, api_calls, db_connections FROM tenant_usage_daily WHERE tenant_id = ANY($1) ORDER BY tenant_id, day DESC",
    [tenantIds],
  );
  const out = new Map<string, UsageSnapshot>(tenantIds.map((id) => [id, { users: 0, storageGb: 0, apiCallsToday: 0, dbConnections: 0 }]));
  for (const m of members) out.get(m.tenant_id)!.users = m.users;
  for (const u of latest) Object.assign(out.get(u.tenant_id)!, { storageGb: u.storage_gb, apiCallsToday: u.api_calls, dbConnections: u.db_connections });
  return out;
}

/** The same queries inside a Prisma transaction (the tenant list runs in one). */
export const prismaSql =
  (tx: Tx): SqlQuery =>
  (text, values = []) =>
    tx.$queryRawUnsafe(text, ...values);

/** Seed 000's `usage` block. */
export function usageBlock(u: UsageSnapshot, limits: Limits) {
  return {
    users: { current: u.users, limit: limits.users, usage_percent: usagePercent(u.users, limits.users) },
    storage: { current_gb: u.storageGb, limit_gb: limits.storage_gb, usage_percent: usagePercent(u.storageGb, limits.storage_gb) },
    api_calls: { current_daily: u.apiCallsToday, limit_daily: limits.api_calls_per_day, usage_percent: usagePercent(u.apiCallsToday, limits.api_calls_per_day) },
    database_connections: { current: u.dbConnections, limit: limits.database_connections, usage_percent: usagePercent(u.dbConnections, limits.database_connections) },
  };
}
