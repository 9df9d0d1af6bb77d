import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GENESIS_HASH, HASHED_COLUMNS, hashAuditRow, type AuditRowForHash } from "@/lib/audit/audit-hash";
import { migrate } from "@/lib/db/migrate";
import { ownerQuery } from "../support/db";

// The migration that gives the control plane Citus-ready keys (20261210010000) on a database
// that already has rows: every row is still there, unchanged, and the keys hold what the old
// ones held (and a little more).

const MIGRATION = "20261210010000_distribution_ready_keys";
const TABLES = [
  "tenants", "users", "memberships", "tenant_roles", "tenant_invitations", "tenant_db_roles", "tenant_scalings", "tenant_notices", "tenant_exports",
  "tenant_backups", "tenant_restores", "impersonation_grants", "invoices", "invoice_line_items", "billing_pending_charges", "audit_events", "audit_chain_heads",
] as const;
// Bulk audit rows, to see what the migration costs (printed, not asserted: the machine is shared).
const BULK_AUDIT_ROWS = Number(process.env.DISTRIBUTION_MIGRATION_AUDIT_ROWS ?? 20_000);
const TENANTS = ["t_dist_a", "t_dist_b", "t_dist_c"];

let client: pg.Client;
const name = `atrium_dist_${randomBytes(4).toString("hex")}`;
let before: Map<string, { count: number; digest: string; sample: unknown[] }>;
let migrationMs = 0;

/** Rows of a table as jsonb (chain_key, which the migration adds, left out), their count, a digest and the first rows. */
async function snapshot(): Promise<Map<string, { count: number; digest: string; sample: unknown[] }>> {
  const out = new Map<string, { count: number; digest: string; sample: unknown[] }>();
  for (const t of TABLES) {
    const { rows } = await client.query<{ count: number; digest: string; sample: unknown[] }>(
      `WITH r AS (SELECT to_jsonb(x) - 'chain_key' AS j FROM ${t} x)
       SELECT count(*)::int AS count, md5(coalesce(string_agg(j::text, ',' ORDER BY j::text), '')) AS digest,
              coalesce((SELECT jsonb_agg(j ORDER BY j::text) FROM (SELECT j FROM r ORDER BY j::text LIMIT 3) s), '[]') AS sample
       FROM r`,
    );
    out.set(t, rows[0]);
  }
  return out;
}

async function seed(): Promise<void> {
  const q = (sql: string, params: unknown[] = []) => client.query(sql, params);
  await q("INSERT INTO users (id, email, name, platform_role) VALUES ('u_staff', 'staff@dist.test', 'Staff', 'admin'), ('u_m1', 'm1@dist.test', 'M1', NULL), ('u_m2', 'm2@dist.test', 'M2', NULL)");
  for (const [i, t] of TENANTS.entries()) {
    await q("INSERT INTO tenants (id, name, slug, schema_name, plan, status) VALUES ($1, $2, $3, $4, 'professional', 'active')", [t, `Tenant ${i}`, `dist-${i}`, `tenant_dist_${i}`]);
    await q("INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, 'u_m1', 'owner'), ($1, 'u_m2', 'member')", [t]);
    await q("INSERT INTO tenant_roles (tenant_id, id, name, permissions) VALUES ($1, 'role_support', 'Support', '{members:read}')", [t]);
    await q("INSERT INTO tenant_invitations (tenant_id, id, email, role, token_hash, expires_at) VALUES ($1, 'inv_1', 'new@dist.test', 'member', $2, now() + interval '7 days')", [t, `hash_${t}`]);
    await q("INSERT INTO tenant_db_roles (tenant_id, role_name) VALUES ($1, $2)", [t, `${t}_owner`]);
    await q(`INSERT INTO tenant_scalings (id, tenant_id, status, strategy, previous_limits, target_limits, steps, billing_impact, requested_by)
             VALUES ('scl_' || $1, $1, 'completed', 'immediate', '{}', '{"max_users": 50}', '[]', '{}', '{"kind": "system"}')`, [t]);
    await q("INSERT INTO tenant_notices (id, tenant_id, severity, resource, message) VALUES ('ntc_' || $1, $1, 'warning', 'storage_quota', 'Storage at 85%')", [t]);
    await q("INSERT INTO tenant_exports (id, tenant_id, status, requested_by) VALUES ('exp_' || $1, $1, 'completed', '{}')", [t]);
    await q(`INSERT INTO tenant_backups (id, tenant_id, status, backup_type, options, storage_location, storage_path, requested_by, retention_days, expires_at)
             VALUES ('bkp_' || $1, $1, 'completed', 'full', '{}', 'local', $2, '{}', 30, now() + interval '30 days')`, [t, `${t}/bkp_1`]);
    await q(`INSERT INTO tenant_restores (id, tenant_id, backup_id, status, dry_run, mode, target_schema, options, plan, requested_by)
             VALUES ('rst_' || $1, $1, 'bkp_' || $1, 'completed', false, 'side_schema', 'restored', '{}', '[]', '{}')`, [t]);
    await q(`INSERT INTO impersonation_grants (id, tenant_id, staff_user_id, staff_email, reason, mode, duration_minutes, status)
             VALUES ('imp_' || $1, $1, 'u_staff', 'staff@dist.test', 'Ticket 42', 'read_only', 60, 'requested')`, [t]);
    for (const month of [1, 2]) {
      const inv = `inv_${month}_${t}`;
      await q(`INSERT INTO invoices (id, tenant_id, number, period_start, period_end, currency, subtotal_cents, total_cents, status)
               VALUES ($1, $2, $3, make_date(2026, $4, 1), make_date(2026, $4 + 1, 1), 'USD', 9900, 9900, 'issued')`, [inv, t, `INV-${i}-${month}`, month]);
      await q(`INSERT INTO invoice_line_items (id, invoice_id, tenant_id, position, kind, description, quantity, unit_cents, amount_cents)
               VALUES ($1, $2, $3, 1, 'plan', 'Professional', 1, 9900, 9900), ($4, $2, $3, 2, 'overage', 'Storage', 2.5, 100, 250)`, [`${inv}_l1`, inv, t, `${inv}_l2`]);
      await q("INSERT INTO billing_pending_charges (id, tenant_id, kind, description, amount_cents, currency, invoice_id) VALUES ($1, $2, 'proration', 'Goodwill', -500, 'USD', $3)", [`chg_${month}_${t}`, t, inv]);
    }
  }
  // Audit chains with real hashes (the platform's own and each tenant's), so the hash function is seen to agree afterwards.
  for (const tenantId of [null, ...TENANTS]) {
    let prev = GENESIS_HASH;
    for (let seq = 1; seq <= 4; seq++) {
      const row: AuditRowForHash & { hash?: string } = {
        id: `evt_${tenantId ?? "platform"}_${seq}`, tenant_id: tenantId, seq, actor_type: "system", actor_id: null, actor_label: "seed", action: "tenant.updated",
        target_type: "tenant", target_id: tenantId, target_label: null, before: { n: seq - 1 }, after: { n: seq }, ip: "198.51.100.7", user_agent: null, request_id: null,
        created_at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)), prev_hash: prev,
      };
      row.hash = prev = hashAuditRow(row);
      const columns = [...HASHED_COLUMNS, "hash"] as const;
      await q(`INSERT INTO audit_events (${columns.join(", ")}) VALUES (${columns.map((_, k) => `$${k + 1}`).join(", ")})`, columns.map((c) => {
        const v = (row as Record<string, unknown>)[c];
        return v !== null && typeof v === "object" && !(v instanceof Date) ? JSON.stringify(v) : v;
      }));
    }
    await q("INSERT INTO audit_chain_heads (chain_key, tenant_id, seq, hash) VALUES ($1, $2, 4, $3)", [tenantId ?? "platform", tenantId, prev]);
  }
  // Bulk: the bigger part of a real audit table, spread over the three tenants and the platform.
  await q(
    `INSERT INTO audit_events (id, tenant_id, seq, actor_type, actor_label, action, target_type, after, created_at, prev_hash, hash)
     SELECT 'evt_bulk_' || g, t, 100 + g, 'system', 'bulk', 'member.updated', 'member', jsonb_build_object('g', g), now() - g * interval '1 second', 'x', md5(g::text)
     FROM generate_series(1, $1::int) g, LATERAL (SELECT (ARRAY[NULL, 't_dist_a', 't_dist_b', 't_dist_c'])[1 + g % 4] AS t) x`,
    [BULK_AUDIT_ROWS],
  );
}

beforeAll(async () => {
  await ownerQuery(`CREATE DATABASE ${name}`);
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  const applied = await migrate(url.toString(), { before: MIGRATION });
  expect(applied.applied).not.toContain(MIGRATION);
  client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  await seed();
  before = await snapshot();
  const started = performance.now();
  const second = await migrate(url.toString());
  migrationMs = performance.now() - started;
  expect(second.applied[0]).toBe(MIGRATION);
  console.log(`[distribution-ready-migration] ${second.applied.length} migration(s) from ${MIGRATION} on ${BULK_AUDIT_ROWS + 16} audit rows: ${Math.round(migrationMs)} ms`);
}, 180_000);

afterAll(async () => {
  await client?.end();
  await ownerQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
});

const failure = async (sql: string, params: unknown[] = []) => {
  await client.query("SAVEPOINT s");
  try {
    await client.query(sql, params);
    return null;
  } catch (err) {
    return (err as pg.DatabaseError).code ?? "error";
  } finally {
    await client.query("ROLLBACK TO SAVEPOINT s");
  }
};

describe("migration 20261210010000: keys for distributing by tenant, no row lost", () => {
  it("keeps every row of every table it touches, unchanged", async () => {
    const after = await snapshot();
    for (const t of TABLES) {
      expect(after.get(t)!.count, t).toBe(before.get(t)!.count);
      expect(after.get(t)!.sample, t).toEqual(before.get(t)!.sample);
      expect(after.get(t)!.digest, t).toBe(before.get(t)!.digest);
    }
    expect(before.get("audit_events")!.count).toBe(BULK_AUDIT_ROWS + 16);
    expect(before.get("invoice_line_items")!.count).toBe(12);
  });

  it("gives each audit row its chain key, and every stored hash still verifies", async () => {
    const { rows } = await client.query<{ chain_key: string; tenant_id: string | null; ok: boolean }>(
      "SELECT chain_key, tenant_id, atrium_audit_event_hash(a) = hash AS ok FROM audit_events a WHERE id NOT LIKE 'evt_bulk_%'",
    );
    expect(rows).toHaveLength(16);
    for (const r of rows) {
      expect(r.chain_key).toBe(r.tenant_id ?? "platform");
      expect(r.ok).toBe(true);
    }
    const { rows: wrong } = await client.query("SELECT 1 FROM audit_events WHERE chain_key IS DISTINCT FROM coalesce(tenant_id, 'platform')");
    expect(wrong).toHaveLength(0);
  });

  it("has the new keys", async () => {
    const { rows } = await client.query<{ table: string; def: string }>(
      `SELECT conrelid::regclass::text AS table, pg_get_constraintdef(oid) AS def FROM pg_constraint
       WHERE contype = 'p' AND conrelid::regclass::text IN ('audit_events', 'tenant_scalings', 'invoices', 'invoice_line_items', 'billing_pending_charges', 'impersonation_grants')`,
    );
    expect(Object.fromEntries(rows.map((r) => [r.table, r.def]))).toEqual({
      audit_events: "PRIMARY KEY (chain_key, id)",
      tenant_scalings: "PRIMARY KEY (tenant_id, id)",
      invoices: "PRIMARY KEY (tenant_id, id)",
      invoice_line_items: "PRIMARY KEY (tenant_id, id)",
      billing_pending_charges: "PRIMARY KEY (tenant_id, id)",
      impersonation_grants: "PRIMARY KEY (tenant_id, id)",
    });
  });

  it("still refuses what the old keys refused where it matters", async () => {
    await client.query("BEGIN");
    try {
      // An id twice in a tenant; a position twice on an invoice; a seq twice in an audit chain (the platform's too).
      expect(await failure("INSERT INTO tenant_notices (id, tenant_id, severity, resource, message) VALUES ('ntc_t_dist_a', 't_dist_a', 'warning', 'storage_quota', 'again')")).toBe("23505");
      expect(await failure("INSERT INTO invoice_line_items (id, invoice_id, tenant_id, position, kind, description, quantity, unit_cents, amount_cents) VALUES ('l_new', 'inv_1_t_dist_a', 't_dist_a', 1, 'plan', 'dup', 1, 1, 1)")).toBe("23505");
      const audit = (id: string, tenant: string | null, seq: number, chainKey = tenant ?? "platform") =>
        failure("INSERT INTO audit_events (id, tenant_id, chain_key, seq, actor_type, actor_label, action, target_type, prev_hash, hash) VALUES ($1, $2, $3, $4, 'system', 't', 'x', 'tenant', 'x', 'x')", [id, tenant, chainKey, seq]);
      expect(await audit("evt_dup_a", "t_dist_a", 1)).toBe("23505");
      expect(await audit("evt_dup_p", null, 1)).toBe("23505");
      // The chain key cannot disagree with tenant_id, nor be left out.
      expect(await audit("evt_bad", "t_dist_a", 9999, "t_dist_b")).toBe("23514");
      expect(await failure("INSERT INTO audit_events (id, tenant_id, seq, actor_type, actor_label, action, target_type, prev_hash, hash) VALUES ('evt_none', NULL, 9999, 'system', 't', 'x', 'tenant', 'x', 'x')")).toBe("23502");
      // An invitation token and a role name once per tenant.
      expect(await failure("INSERT INTO tenant_invitations (tenant_id, id, email, role, token_hash, expires_at) VALUES ('t_dist_a', 'inv_2', 'x@dist.test', 'member', 'hash_t_dist_a', now())")).toBe("23505");
      // Stronger than before: a line item or a charge cannot point at another tenant's invoice.
      expect(await failure("INSERT INTO invoice_line_items (id, invoice_id, tenant_id, position, kind, description, quantity, unit_cents, amount_cents) VALUES ('l_x', 'inv_1_t_dist_b', 't_dist_a', 1, 'plan', 'x', 1, 1, 1)")).toBe("23503");
      expect(await failure("INSERT INTO billing_pending_charges (id, tenant_id, kind, description, amount_cents, currency, invoice_id) VALUES ('chg_x', 't_dist_a', 'proration', 'x', 1, 'USD', 'inv_1_t_dist_b')")).toBe("23503");
    } finally {
      await client.query("ROLLBACK");
    }
  });

  it("cascades an invoice's deletion to its lines and clears only invoice_id on its pending charges", async () => {
    await client.query("BEGIN");
    try {
      await client.query("DELETE FROM invoices WHERE tenant_id = 't_dist_b' AND id = 'inv_1_t_dist_b'");
      const lines = await client.query("SELECT 1 FROM invoice_line_items WHERE tenant_id = 't_dist_b' AND invoice_id = 'inv_1_t_dist_b'");
      expect(lines.rows).toHaveLength(0);
      const charge = await client.query<{ tenant_id: string; invoice_id: string | null }>("SELECT tenant_id, invoice_id FROM billing_pending_charges WHERE tenant_id = 't_dist_b' AND id = 'chg_1_t_dist_b'");
      expect(charge.rows).toEqual([{ tenant_id: "t_dist_b", invoice_id: null }]);
      const left = await client.query("SELECT tenant_id FROM invoice_line_items ORDER BY tenant_id");
      expect(left.rows).toHaveLength(10);
    } finally {
      await client.query("ROLLBACK");
    }
  });
});
