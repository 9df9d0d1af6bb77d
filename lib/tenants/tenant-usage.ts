import type { Tx } from "@/lib/db/prisma";
import type { SqlQuery } from "@/lib/db/sql-scope";
import type { Limits } from "@/lib/tenants/plans";
import { usagePercent } from "@/lib/tenants/serialize-tenant";
import { readLatestGauges, readUsageTotals } from "@/lib/usage/read-usage";

export type UsageSnapshot = { users: number; storageGb: number; apiCallsToday: number; dbConnections: number };

const BYTES_PER_GB = 1024 ** 3;
const DAY_MS = 86_400_000;

/**
 * Usage of the tenants in scope: active members and uploaded branding images
 * counted live; the schema's size and the database connections from the
 * sampler's newest gauges (lib/usage/sample-usage-gauges.ts); API calls today
 * (UTC) from the rollups: the calls the product reported (POST /usage/events),
 * which the plan's api_calls_per_day limits. Atrium's own API calls are a
 * separate meter (atrium_api_calls), not counted here.
 */
export async function loadUsage(q: SqlQuery, tenantIds: string[], now = new Date(), opts: { pipelined?: boolean } = {}): Promise<Map<string, UsageSnapshot>> {
  const today = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
  const reads = [
    () =>
      q<{ tenant_id: string; users: number; asset_bytes: number }>(
        `SELECT t.id AS tenant_id,
       (SELECT count(*)::int FROM memberships m WHERE m.tenant_id = t.id AND m.status = 'active') AS users,
       (SELECT coalesce(sum(a.size), 0)::float8 FROM tenant_assets a WHERE a.tenant_id = t.id) AS asset_bytes
     FROM unnest($1::text[]) AS t(id)`,
        [tenantIds],
      ),
    () => readLatestGauges(q, tenantIds, ["table_bytes", "index_bytes", "db_connections"]),
    () => readUsageTotals(q, tenantIds, { meters: ["api_calls"], from: today, to: new Date(today.getTime() + DAY_MS) }),
  ] as const;
  // The three are independent: on a pipelined read (lib/db/read-scope.ts) they go out together; a Prisma transaction takes one at a time.
  const [live, gauges, calls] = opts.pipelined
    ? await Promise.all([reads[0](), reads[1](), reads[2]()])
    : [await reads[0](), await reads[1](), await reads[2]()];
  const out = new Map<string, UsageSnapshot>();
  for (const l of live) {
    const g = gauges.get(l.tenant_id) ?? {};
    const c = calls.get(l.tenant_id) ?? {};
    const schemaBytes = (g.table_bytes?.value ?? 0) + (g.index_bytes?.value ?? 0);
    out.set(l.tenant_id, {
      users: l.users,
      // Rounded to the kilobyte or so, so float noise never shows in the figure.
      storageGb: Math.round(((schemaBytes + l.asset_bytes) / BYTES_PER_GB) * 1e6) / 1e6,
      apiCallsToday: Math.round(c.api_calls?.sum ?? 0),
      dbConnections: g.db_connections?.value ?? 0,
    });
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
