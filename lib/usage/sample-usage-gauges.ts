import { withPlatformSql } from "@/lib/db/sql-scope";
import { tenantDbRoleName } from "@/lib/tenants/tenant-db-role";
import { ingestUsageEvents, type UsageEventInput } from "@/lib/usage/ingest-usage-events";

/** One sample per tenant per slot: a rerun inside the same 5 minutes is a duplicate, not a second sample. */
export const SAMPLE_SLOT_MS = 5 * 60_000;
const ACTIVE_WITHIN = "30 days";

type Measured = { tenant_id: string; members: number; active_members: number; table_bytes: number; index_bytes: number; asset_bytes: number };

/**
 * What Atrium measures itself, every tenant in one pass: members (active
 * memberships); active members (active memberships with activity — a portal
 * request, which is how sign-ins show — in the last 30 days, memberships.last_active_at);
 * the tenant schema's table bytes (pg_table_size, TOAST included) and index
 * bytes (pg_indexes_size) over the relations whose namespace is the schema's
 * OID, plus uploaded branding assets; and the connections open as the
 * tenant's database role (pg_stat_activity.usename = tenantDbRoleName).
 * storage_bytes = table + index + asset bytes. Written through
 * ingestUsageEvents with ids from the slot, so the rollups get max = peak.
 */
export async function sampleUsageGauges(now = new Date(), tenantIds?: string[]): Promise<{ tenants: number; accepted: number }> {
  const slot = new Date(Math.floor(now.getTime() / SAMPLE_SLOT_MS) * SAMPLE_SLOT_MS);
  const rows = await withPlatformSql((q) =>
    q<Measured>(
      `WITH t AS (
         SELECT id, schema_name FROM tenants WHERE status <> 'provisioning' AND ($1::text[] IS NULL OR id = ANY($1::text[]))
       ), rel AS (
         SELECT t.id AS tenant_id, coalesce(sum(pg_table_size(c.oid)), 0)::float8 AS table_bytes, coalesce(sum(pg_indexes_size(c.oid)), 0)::float8 AS index_bytes
         FROM t JOIN pg_namespace n ON n.nspname = t.schema_name
         JOIN pg_class c ON c.relnamespace = n.oid AND c.relkind IN ('r', 'm')
         GROUP BY t.id
       ), mem AS (
         SELECT tenant_id, count(*)::int AS members, count(*) FILTER (WHERE last_active_at >= now() - interval '${ACTIVE_WITHIN}')::int AS active_members
         FROM memberships WHERE status = 'active' AND tenant_id IN (SELECT id FROM t) GROUP BY tenant_id
       ), assets AS (
         SELECT tenant_id, sum(size)::float8 AS asset_bytes FROM tenant_assets WHERE tenant_id IN (SELECT id FROM t) GROUP BY tenant_id
       )
       SELECT t.id AS tenant_id, coalesce(mem.members, 0) AS members, coalesce(mem.active_members, 0) AS active_members,
              coalesce(rel.table_bytes, 0) AS table_bytes, coalesce(rel.index_bytes, 0) AS index_bytes, coalesce(assets.asset_bytes, 0) AS asset_bytes
       FROM t LEFT JOIN rel ON rel.tenant_id = t.id LEFT JOIN mem ON mem.tenant_id = t.id LEFT JOIN assets ON assets.tenant_id = t.id`,
      [tenantIds ?? null],
    ),
  );
  const roles = rows.map((r) => tenantDbRoleName(r.tenant_id));
  const conns = await withPlatformSql((q) => q<{ usename: string; n: number }>("SELECT usename::text, count(*)::int AS n FROM pg_stat_activity WHERE usename = ANY($1::text[]) GROUP BY usename", [roles]));
  const byRole = new Map(conns.map((c) => [c.usename, c.n]));
  const events: UsageEventInput[] = [];
  const stamp = slot.toISOString();
  for (const r of rows) {
    const sample = (meter: string, value: number) => events.push({ id: `atrium-sample:${meter}:${stamp}`, tenantId: r.tenant_id, meter, value, timestamp: slot });
    sample("members", r.members);
    sample("active_members", r.active_members);
    sample("table_bytes", r.table_bytes);
    sample("index_bytes", r.index_bytes);
    sample("asset_bytes", r.asset_bytes);
    sample("storage_bytes", r.table_bytes + r.index_bytes + r.asset_bytes);
    sample("db_connections", byRole.get(tenantDbRoleName(r.tenant_id)) ?? 0);
  }
  let accepted = 0;
  for (let i = 0; i < events.length; i += 2100) accepted += (await ingestUsageEvents(events.slice(i, i + 2100))).accepted;
  return { tenants: rows.length, accepted };
}
