import type { Tx } from "@/lib/db/prisma";
import type { SqlQuery } from "@/lib/db/sql-scope";
import type { Limits } from "@/lib/tenants/plans";
import { usagePercent } from "@/lib/tenants/serialize-tenant";

export type UsageSnapshot = { users: number; storageGb: number; apiCallsToday: number; dbConnections: number };

const BYTES_PER_GB = 1024 ** 3;

/**
 * Usage of the tenants in scope: active members and uploaded branding images
 * counted live, the rest from the newest daily row. Storage is the measured
 * figure plus the images' bytes (kept in the control plane, not the tenant's schema).
 */
export async function loadUsage(q: SqlQuery, tenantIds: string[]): Promise<Map<string, UsageSnapshot>> {
  const live = await q<{ tenant_id: string; users: number; asset_bytes: number }>(
    `SELECT t.id AS tenant_id,
       (SELECT count(*)::int FROM memberships m WHERE m.tenant_id = t.id AND m.status = 'active') AS users,
       (SELECT coalesce(sum(a.size), 0)::float8 FROM tenant_assets a WHERE a.tenant_id = t.id) AS asset_bytes
     FROM unnest($1::text[]) AS t(id)`,
    [tenantIds],
  );
  const latest = await q<{ tenant_id: string; storage_gb: number; api_calls: number; db_connections: number }>(
    "SELECT DISTINCT ON (tenant_id) tenant_id, storage_gb, api_calls, db_connections FROM tenant_usage_daily WHERE tenant_id = ANY($1) ORDER BY tenant_id, day DESC",
    [tenantIds],
  );
  const out = new Map<string, UsageSnapshot>(tenantIds.map((id) => [id, { users: 0, storageGb: 0, apiCallsToday: 0, dbConnections: 0 }]));
  for (const u of latest) Object.assign(out.get(u.tenant_id)!, { storageGb: u.storage_gb, apiCallsToday: u.api_calls, dbConnections: u.db_connections });
  for (const l of live) {
    const usage = out.get(l.tenant_id)!;
    usage.users = l.users;
    // Rounded to the kilobyte or so, so float noise never shows in the figure.
    if (l.asset_bytes > 0) usage.storageGb = Math.round((usage.storageGb + l.asset_bytes / BYTES_PER_GB) * 1e6) / 1e6;
  }
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
