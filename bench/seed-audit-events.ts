// Bulk seed for the audit-log benchmark: N audit events across the first T
// seeded tenants (plus a share of platform events), with realistic event
// types, actors, targets, addresses and times over the last year, on valid
// hash chains. Drawn with one set-based INSERT, chained in Node with the
// writer's hash; the table's indexes are dropped first and rebuilt after (what
// pg_indexes says they are), several times faster than maintaining them row by row.
import pg from "pg";
import Cursor from "pg-cursor";
import { GENESIS_HASH, HASHED_COLUMNS, chainKeyOf, hashAuditRow, type AuditRowForHash } from "@/lib/audit/audit-hash";

// Weighted like a live system: membership churn and updates dominate.
const EVENT_TYPES = [
  ...Array(6).fill("tenant.updated"),
  ...Array(5).fill("member.role_changed"),
  ...Array(5).fill("member.invited"),
  ...Array(4).fill("member.joined"),
  "member.removed",
  "member.suspended",
  "member.reactivated",
  "invitation.resent",
  "invitation.revoked",
  "role.created",
  "role.updated",
  "role.deleted",
  "domain.added",
  "domain.verified",
  "domain.verification_failed",
  "tenant.branding_updated",
  "api_key.created",
  "api_key.revoked",
  "tenant.suspended",
  "tenant.reactivated",
];
const PLATFORM_EVENT_TYPES = ["tenant.created", "user.created", "user.platform_role_changed", "api_key.created", "tenant.purged"];
const ROLES = ["owner", "admin", "manager", "member", "viewer"];
const AGENTS = [
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
  "curl/8.5.0",
  "python-requests/2.32.3",
];

export type AuditSeedSummary = { events: number; tenants: number; ms: number; indexMs: number };

/** Seeds `events` audit events over the first `tenants` tenants (by id); `url` must be the owner (it bypasses RLS). */
const CHAINED_COLUMNS = [...HASHED_COLUMNS, "hash", "chain_key"] as const;
const CASTS: Record<string, string> = { seq: "bigint", before: "jsonb", after: "jsonb", created_at: "timestamptz" };
const INSERT_BATCH = 5_000;

/**
 * Seeds `events` audit events over the first `tenants` tenants (by id); `url` must be the owner (it bypasses RLS).
 * The rows are drawn in SQL into a scratch table, then appended to their chains in (created_at, id) order
 * with the writer's own hash (lib/audit/audit-hash.ts), so `…/audit-log/verify` still holds.
 */
export async function seedAuditEvents(url: string, events: number, tenants: number): Promise<AuditSeedSummary> {
  const started = performance.now();
  const writer = new pg.Client({ connectionString: url });
  const reader = new pg.Client({ connectionString: url });
  await Promise.all([writer.connect(), reader.connect()]);
  try {
    await writer.query("SELECT setseed(0.1717)");
    const { rows: ids } = await writer.query<{ id: string; name: string }>("SELECT id, name FROM tenants ORDER BY id LIMIT $1", [tenants]);
    const { rows: indexes } = await writer.query<{ indexname: string; indexdef: string }>(
      "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'audit_events' AND indexname NOT IN (SELECT conname FROM pg_constraint)",
    );
    await writer.query("DROP TABLE IF EXISTS bench_audit_seed");
    await writer.query(
      "CREATE UNLOGGED TABLE bench_audit_seed AS SELECT id, tenant_id, actor_type, actor_id, actor_label, action, target_type, target_id, target_label, before, after, ip, user_agent, request_id, created_at FROM audit_events WITH NO DATA",
    );
    // 2% platform events (tenant_id NULL); 35% in one large tenant (deep pages within a tenant need one);
    // the rest spread evenly over the other tenants.
    await writer.query(
      `WITH draw AS (
         SELECT g, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5
         FROM generate_series(1, $1::int) AS g
       ), shaped AS (
         SELECT g, r1, r2, r3, r4, r5,
           CASE WHEN r1 < 0.02 THEN NULL WHEN r1 < 0.37 THEN 1 ELSE 2 + (g % (cardinality($2::text[]) - 1)) END AS ti,
           date_trunc('milliseconds', now() - make_interval(secs => r2 * 365 * 86400)) AS at
         FROM draw
       )
       INSERT INTO bench_audit_seed (id, tenant_id, actor_type, actor_id, actor_label, action, target_type, target_id, target_label, before, after, ip, user_agent, request_id, created_at)
       SELECT
         'evt_' || lpad(to_hex(g), 16, '0'),
         ($2::text[])[ti],
         CASE WHEN r3 < 0.8 THEN 'user' WHEN r3 < 0.95 THEN 'api_key' ELSE 'system' END,
         CASE WHEN r3 < 0.8 THEN 'user_' || lpad(to_hex((r4 * 5000)::int), 16, '0') WHEN r3 < 0.95 THEN 'key_' || lpad(to_hex((r4 * 2000)::int), 16, '0') END,
         CASE WHEN r3 < 0.8 THEN 'user' || (r4 * 5000)::int || '@example.com' WHEN r3 < 0.95 THEN 'API key deploy-' || (r4 * 2000)::int ELSE 'maintenance' END,
         action,
         split_part(action, '.', 1),
         'obj_' || lpad(to_hex((r5 * 100000)::int), 16, '0'),
         CASE split_part(action, '.', 1)
           WHEN 'tenant' THEN ($3::text[])[coalesce(ti, 1)]
           WHEN 'member' THEN 'person' || (r5 * 100000)::int || '@example.com'
           WHEN 'invitation' THEN 'invitee' || (r5 * 100000)::int || '@example.com'
           WHEN 'role' THEN 'Role ' || (r5 * 50)::int
           WHEN 'domain' THEN 'app' || (r5 * 1000)::int || '.example.com'
           WHEN 'user' THEN 'staff' || (r5 * 100)::int || '@atrium.example'
           ELSE 'key-' || (r5 * 1000)::int END,
         CASE WHEN action LIKE '%.role_changed' THEN jsonb_build_object('role', ($4::text[])[1 + (r4 * 4)::int])
              WHEN action = 'tenant.updated' THEN jsonb_build_object('name', ($3::text[])[coalesce(ti, 1)], 'settings', jsonb_build_object('timezone', 'UTC')) END,
         CASE WHEN action LIKE '%.role_changed' THEN jsonb_build_object('role', ($4::text[])[1 + (r5 * 4)::int])
              WHEN action = 'tenant.updated' THEN jsonb_build_object('name', ($3::text[])[coalesce(ti, 1)] || ' (renamed)', 'settings', jsonb_build_object('timezone', 'Europe/Berlin'))
              ELSE jsonb_build_object('email', 'person' || (r5 * 100000)::int || '@example.com') END,
         '198.51.' || (r4 * 255)::int || '.' || (r5 * 255)::int,
         ($6::text[])[1 + (g % cardinality($6::text[]))],
         'req_' || lpad(to_hex(g), 16, '0'),
         at
       FROM shaped,
         LATERAL (SELECT CASE WHEN ti IS NULL THEN ($7::text[])[1 + (g % cardinality($7::text[]))] ELSE ($5::text[])[1 + (g % cardinality($5::text[]))] END AS action) a`,
      [events, ids.map((r) => r.id), ids.map((r) => r.name), ROLES, EVENT_TYPES, AGENTS, PLATFORM_EVENT_TYPES],
    );

    await writer.query("BEGIN");
    for (const ix of indexes) await writer.query(`DROP INDEX ${ix.indexname}`);
    // Each chain continues from its head (the platform's already holds the bench key's creation).
    const heads = new Map<string, { seq: number; hash: string }>();
    for (const h of (await writer.query<{ chain_key: string; seq: string; hash: string }>("SELECT chain_key, seq::text AS seq, hash FROM audit_chain_heads FOR UPDATE")).rows) {
      heads.set(h.chain_key, { seq: Number(h.seq), hash: h.hash });
    }
    const insert = `INSERT INTO audit_events (${CHAINED_COLUMNS.join(", ")}) SELECT * FROM unnest(${CHAINED_COLUMNS.map((c, i) => `$${i + 1}::${CASTS[c] ?? "text"}[]`).join(", ")})`;
    const flush = async (batch: Record<string, unknown>[]) => {
      const cell = (row: Record<string, unknown>, c: string) => {
        const v = row[c];
        if (v === null || v === undefined) return null;
        if (v instanceof Date) return v.toISOString();
        if (c === "before" || c === "after") return JSON.stringify(v);
        return String(v);
      };
      await writer.query(insert, CHAINED_COLUMNS.map((c) => batch.map((row) => cell(row, c))));
    };
    await reader.query("BEGIN");
    const cursor = reader.query(new Cursor<Record<string, unknown>>("SELECT * FROM bench_audit_seed ORDER BY tenant_id NULLS FIRST, created_at, id"));
    for (;;) {
      const rows = await cursor.read(INSERT_BATCH);
      if (rows.length === 0) break;
      for (const row of rows) {
        const key = chainKeyOf(row.tenant_id as string | null);
        const head = heads.get(key) ?? { seq: 0, hash: GENESIS_HASH };
        row.seq = head.seq + 1;
        row.prev_hash = head.hash;
        row.hash = hashAuditRow(row as AuditRowForHash);
        row.chain_key = key;
        heads.set(key, { seq: row.seq as number, hash: row.hash as string });
      }
      await flush(rows);
    }
    await cursor.close();
    await reader.query("COMMIT");
    for (const [key, h] of heads) {
      await writer.query(
        "INSERT INTO audit_chain_heads (chain_key, tenant_id, seq, hash) VALUES ($1, $2, $3, $4) ON CONFLICT (chain_key) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash",
        [key, key === chainKeyOf(null) ? null : key, h.seq, h.hash],
      );
    }
    const indexStarted = performance.now();
    await writer.query("SET maintenance_work_mem = '256MB'");
    for (const ix of indexes) await writer.query(ix.indexdef);
    await writer.query("COMMIT");
    const indexMs = performance.now() - indexStarted;
    await writer.query("DROP TABLE bench_audit_seed");
    await writer.query("ANALYZE audit_events");
    return { events, tenants: ids.length, ms: Math.round(performance.now() - started), indexMs: Math.round(indexMs) };
  } catch (err) {
    await writer.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    await Promise.all([writer.end(), reader.end()]);
  }
}

/** One query as the owner (the bench's own look at the data, past RLS). */
export async function ownerRows<R extends Record<string, unknown>>(url: string, text: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** The (created_at, id) of the row `offset` rows into a newest-first listing, where a client walking pages would hold its cursor. */
export async function positionAt(url: string, offset: number, where = "true", values: unknown[] = []): Promise<{ createdAt: Date; id: string }> {
  const rows = await ownerRows<{ created_at: Date; id: string }>(url, `SELECT created_at, id FROM audit_events WHERE ${where} ORDER BY created_at DESC, id DESC OFFSET ${offset - 1} LIMIT 1`, values);
  if (!rows[0]) throw new Error(`fewer than ${offset} audit events where ${where}`);
  return { createdAt: rows[0].created_at, id: rows[0].id };
}
