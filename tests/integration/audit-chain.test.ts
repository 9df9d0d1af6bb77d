import { randomBytes } from "node:crypto";
import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import canonicalize from "canonicalize";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GENESIS_HASH, HASHED_COLUMNS, UNHASHED_COLUMNS, hashAuditRow, type AuditRowForHash } from "@/lib/audit/audit-hash";
import { pruneExpiredAuditEvents } from "@/lib/audit/prune-audit-events";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { systemCaller } from "@/lib/auth/caller";
import { ownerPool } from "@/lib/db/pools";
import { migrate } from "@/lib/db/migrate";
import { withPlatformScope, withTenantScope } from "@/lib/db/scope";
import { publishEvent } from "@/lib/events/publish-event";
import { makeTenant, uniq } from "../support/fixtures";
import { ownerQuery } from "../support/db";

const system = systemCaller("chain test");

/** Publishes one event on a tenant's chain (or the platform's), as a feature would. */
async function publish(tenantId: string | null, after: unknown = { n: 1 }) {
  const scope = tenantId === null ? withPlatformScope : <T>(fn: Parameters<typeof withPlatformScope<T>>[0]) => withTenantScope(tenantId, fn);
  await scope((tx) => publishEvent(tx, system, { tenantId, action: "test.event", targetType: "test", targetId: uniq("x"), after }));
}

type StoredRow = AuditRowForHash & { id: string; seq: string; prev_hash: string; hash: string };
const chainRows = (tenantId: string) => ownerQuery<StoredRow>("SELECT * FROM audit_events WHERE tenant_id = $1 ORDER BY seq", [tenantId]);

/** As a superuser who skips triggers (session_replication_role = replica): what an attacker with the database would do. */
async function tamper(sql: string, params: unknown[]) {
  const client = await ownerPool().connect();
  try {
    await client.query("BEGIN");
    await client.query("SET LOCAL session_replication_role = replica");
    await client.query(sql, params);
    await client.query("COMMIT");
  } finally {
    client.release();
  }
}

afterEach(() => {
  vi.useRealTimers();
});

describe("the hash covers every column", () => {
  it("HASHED_COLUMNS is every column of audit_events but UNHASHED_COLUMNS (add a new column there)", async () => {
    const columns = await ownerQuery<{ column_name: string }>("SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'audit_events'");
    expect(columns.map((c) => c.column_name).filter((c) => !(UNHASHED_COLUMNS as readonly string[]).includes(c)).sort()).toEqual([...HASHED_COLUMNS].sort());
  });

  it("Node's hash of each written row is what it stored and what the SQL function computes", async () => {
    const t = await makeTenant();
    await publish(t.id, { nested: { b: [1, 2.5, "é\n"], a: null }, big: 12345678901234567890, small: 1e-7, "\u0001k": true });
    const rows = await ownerQuery<StoredRow & { sql_hash: string }>("SELECT a.*, atrium_audit_event_hash(a) AS sql_hash FROM audit_events a WHERE tenant_id = $1 ORDER BY seq", [t.id]);
    expect(rows.length).toBeGreaterThan(1); // provisioning wrote events too
    for (const row of rows) {
      expect(row.hash).toBe(hashAuditRow(row));
      expect(row.sql_hash).toBe(row.hash);
    }
  });

  it("the SQL RFC 8785 serialiser agrees with the canonicalize package", async () => {
    const values: unknown[] = [
      0, 1, -1, 1.5, -0.25, 0.1, 1e21, 1e-7, 1e-6, 123e-20, 1.7976931348623157e308, 5e-324, 2 ** 53, 2 ** 53 + 2, 1e15, 123456789.123, 100, 1e20,
      "", "plain", "quote\" back\\ slash", "\b\f\n\r\t\u0001\u001f\u007f", "é€😀", "\u2028\u2029",
      true, false, null, [], {}, [1, [2, { z: 1, a: [] }]],
      { b: 1, a: 2, A: 3, "": 4, "é": 5, "1": 6, "\u0000x": 7 },
    ];
    for (const v of values) {
      if (typeof v === "object" && v !== null && "\u0000x" in v) continue; // jsonb refuses NUL; keep the rest
      const [row] = await ownerQuery<{ s: string }>("SELECT atrium_jcs($1::jsonb) AS s", [JSON.stringify(v)]);
      expect(row.s, JSON.stringify(v)).toBe(canonicalize(v));
    }
    const obj = { b: 1, a: 2, A: 3, "": 4, "é": 5, "1": 6 };
    expect((await ownerQuery<{ s: string }>("SELECT atrium_jcs($1::jsonb) AS s", [JSON.stringify(obj)]))[0].s).toBe(canonicalize(obj));
  });
});

describe("one chain per tenant, and one for the platform", () => {
  it("20 parallel publishers on one tenant make one unbroken chain, seq 1..N without gaps", async () => {
    const t = await makeTenant();
    await Promise.all(Array.from({ length: 20 }, (_, i) => publish(t.id, { i })));
    const rows = await chainRows(t.id);
    expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1));
    rows.forEach((r, i) => expect(r.prev_hash).toBe(i === 0 ? GENESIS_HASH : rows[i - 1].hash));
    expect(rows.filter((r) => r.action === "test.event")).toHaveLength(20);
    const [head] = await ownerQuery<{ seq: string; hash: string }>("SELECT seq, hash FROM audit_chain_heads WHERE chain_key = $1", [t.id]);
    expect(head).toEqual({ seq: String(rows.length), hash: rows.at(-1)!.hash });
    expect(await verifyAuditChain(t.id)).toEqual({ valid: true, checked: rows.length, first_broken_event_id: null, checkpoint: null });
  });

  it("platform events (no tenant) chain on their own and verify", async () => {
    await Promise.all(Array.from({ length: 5 }, () => publish(null)));
    const r = await verifyAuditChain(null);
    expect(r.valid).toBe(true);
    expect(r.checked).toBeGreaterThanOrEqual(5);
  });

  it("a rolled-back transaction leaves neither its event nor a moved head", async () => {
    const t = await makeTenant();
    const before = await chainRows(t.id);
    await expect(
      withTenantScope(t.id, async (tx) => {
        await publishEvent(tx, system, { tenantId: t.id, action: "test.rolled_back", targetType: "test", targetId: null });
        throw new Error("change failed");
      }),
    ).rejects.toThrow("change failed");
    await publish(t.id);
    const after = await chainRows(t.id);
    expect(after).toHaveLength(before.length + 1);
    expect((await verifyAuditChain(t.id)).valid).toBe(true);
  });
});

describe("verification finds tampering", () => {
  it("an edited `after` fails verification at exactly that row", async () => {
    const t = await makeTenant();
    for (let i = 0; i < 5; i++) await publish(t.id, { i });
    const rows = await chainRows(t.id);
    const victim = rows[rows.length - 3];
    await tamper("UPDATE audit_events SET after = '{\"i\": 99}' WHERE id = $1", [victim.id]);
    const r = await verifyAuditChain(t.id, { batchSize: 2 });
    expect(r).toMatchObject({ valid: false, first_broken_event_id: victim.id, checked: rows.length - 2 });
  });

  it("an edit that also recomputes the row's own hash breaks the next row's link", async () => {
    const t = await makeTenant();
    for (let i = 0; i < 3; i++) await publish(t.id, { i });
    const rows = await chainRows(t.id);
    const victim = rows[1];
    const forged = { ...victim, actor_label: "someone else" };
    await tamper("UPDATE audit_events SET actor_label = $2, hash = $3 WHERE id = $1", [victim.id, forged.actor_label, hashAuditRow(forged)]);
    expect(await verifyAuditChain(t.id)).toMatchObject({ valid: false, first_broken_event_id: rows[2].id });
  });

  it("a deleted middle row fails verification at the row after it", async () => {
    const t = await makeTenant();
    for (let i = 0; i < 4; i++) await publish(t.id, { i });
    const rows = await chainRows(t.id);
    await tamper("DELETE FROM audit_events WHERE id = $1", [rows[2].id]);
    expect(await verifyAuditChain(t.id)).toMatchObject({ valid: false, first_broken_event_id: rows[3].id });
  });

  it("deleted last rows leave the head ahead: invalid, with no row to blame", async () => {
    const t = await makeTenant();
    await publish(t.id);
    const rows = await chainRows(t.id);
    await tamper("DELETE FROM audit_events WHERE id = $1", [rows.at(-1)!.id]);
    expect(await verifyAuditChain(t.id)).toMatchObject({ valid: false, first_broken_event_id: null });
  });

  it("an untouched chain is valid", async () => {
    const t = await makeTenant();
    for (let i = 0; i < 7; i++) await publish(t.id, { i });
    expect(await verifyAuditChain(t.id, { batchSize: 3 })).toMatchObject({ valid: true, checked: (await chainRows(t.id)).length });
  });
});

describe("append-only at the database level", () => {
  let tenantId: string;
  let eventId: string;
  beforeAll(async () => {
    tenantId = (await makeTenant()).id;
    eventId = (await chainRows(tenantId))[0].id;
  });

  it("atrium_app can neither UPDATE nor DELETE audit rows", async () => {
    for (const sql of ["UPDATE audit_events SET action = 'x' WHERE id = $1", "DELETE FROM audit_events WHERE id = $1"]) {
      await expect(withTenantScope(tenantId, (tx) => tx.$executeRawUnsafe(sql, eventId))).rejects.toThrow(/permission denied/i);
    }
    expect(await ownerQuery("SELECT 1 FROM audit_events WHERE id = $1 AND action <> 'x'", [eventId])).toHaveLength(1);
  });

  it("atrium_platform can neither UPDATE nor DELETE audit rows", async () => {
    for (const sql of ["UPDATE audit_events SET action = 'x' WHERE id = $1", "DELETE FROM audit_events WHERE id = $1", "TRUNCATE audit_events"]) {
      await expect(withPlatformScope((tx) => tx.$executeRawUnsafe(sql, ...(sql.includes("$1") ? [eventId] : [])))).rejects.toThrow(/permission denied/i);
    }
    expect(await ownerQuery("SELECT 1 FROM audit_events WHERE id = $1", [eventId])).toHaveLength(1);
  });

  it("the app cannot write checkpoints or delete chain heads itself", async () => {
    await expect(withPlatformScope((tx) => tx.$executeRawUnsafe("INSERT INTO audit_checkpoints (chain_key, tenant_id, seq, hash, pruned_count) VALUES ($1, $1, 1, 'x', 1)", tenantId))).rejects.toThrow(/permission denied/i);
    await expect(withPlatformScope((tx) => tx.$executeRawUnsafe("DELETE FROM audit_chain_heads WHERE chain_key = $1", tenantId))).rejects.toThrow(/permission denied/i);
  });

  it("the purge function refuses a tenant that is not scheduled for deletion", async () => {
    await expect(withPlatformScope((tx) => tx.$queryRaw`SELECT atrium_purge_tenant_audit(${tenantId})`)).rejects.toThrow(/not scheduled for deletion/);
    expect(await chainRows(tenantId)).not.toHaveLength(0);
  });

  it("the prune function refuses anything younger than a day and oversized batches", async () => {
    await expect(withPlatformScope((tx) => tx.$queryRaw`SELECT * FROM atrium_prune_audit_chain(${tenantId}, ${new Date()}, 10)`)).rejects.toThrow(/younger than a day/);
    await expect(withPlatformScope((tx) => tx.$queryRaw`SELECT * FROM atrium_prune_audit_chain(${tenantId}, ${new Date(Date.now() - 2 * 86_400_000)}, 100000)`)).rejects.toThrow(/batch/);
  });

  it("a tenant key's pool (RLS) sees only its own chain head", async () => {
    const other = (await makeTenant()).id;
    const seen = await withTenantScope(tenantId, (tx) => tx.auditChainHead.findMany({ where: { chainKey: { in: [tenantId, other, "platform"] } } }));
    expect(seen.map((h) => h.chainKey)).toEqual([tenantId]);
  });
});

describe("retention", () => {
  const DAY = 86_400_000;

  it("prunes a basic tenant's events older than 30 days oldest first, checkpoints, records audit.pruned, and still verifies", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(Date.now() - 40 * DAY));
    const t = await makeTenant({ plan: "basic" });
    for (let i = 0; i < 4; i++) await publish(t.id, { old: i });
    vi.useRealTimers();
    const old = await chainRows(t.id);
    for (let i = 0; i < 3; i++) await publish(t.id, { recent: i });

    const results = await pruneExpiredAuditEvents(system, new Date(), { batchSize: 2 });
    const mine = results.find((r) => r.tenant_id === t.id);
    expect(mine).toEqual({ tenant_id: t.id, pruned: old.length, through_seq: old.length, through_hash: old.at(-1)!.hash });
    const left = await chainRows(t.id);
    expect(left.map((r) => Number(r.seq))[0]).toBe(old.length + 1);
    expect(left.some((r) => (r.after as { old?: number } | null)?.old !== undefined)).toBe(false);
    // One audit.pruned per batch (2 here), each naming the checkpoint written with it.
    const prunes = left.filter((r) => r.action === "audit.pruned").map((r) => r.after as { pruned: number; through_seq: number; through_hash: string; retention_days: number });
    expect(prunes.length).toBe(Math.ceil(old.length / 2));
    expect(prunes.reduce((n, p) => n + p.pruned, 0)).toBe(old.length);
    expect(prunes.at(-1)).toMatchObject({ through_seq: old.length, through_hash: old.at(-1)!.hash, retention_days: 30 });
    const cps = await ownerQuery<{ seq: string; hash: string; pruned_count: string }>("SELECT seq, hash, pruned_count FROM audit_checkpoints WHERE chain_key = $1 ORDER BY seq", [t.id]);
    expect(cps.map((c) => [Number(c.seq), c.hash])).toEqual(prunes.map((p) => [p.through_seq, p.through_hash]));

    const v = await verifyAuditChain(t.id);
    expect(v).toMatchObject({ valid: true, checked: left.length, first_broken_event_id: null, checkpoint: { seq: old.length, hash: old.at(-1)!.hash } });

    // Nothing more to prune: no second audit.pruned.
    expect((await pruneExpiredAuditEvents(system)).find((r) => r.tenant_id === t.id)).toBeUndefined();

    // Still tamper-evident after the cut.
    const victim = left[1];
    await tamper("UPDATE audit_events SET after = '{}' WHERE id = $1", [victim.id]);
    expect(await verifyAuditChain(t.id)).toMatchObject({ valid: false, first_broken_event_id: victim.id });
  });

  it("a checkpoint forged to hide deleted events (no audit.pruned vouching for it) fails verification", async () => {
    const t = await makeTenant();
    for (let i = 0; i < 3; i++) await publish(t.id, { i });
    const rows = await chainRows(t.id);
    const cut = rows[1];
    await tamper("DELETE FROM audit_events WHERE tenant_id = $1 AND seq <= $2", [t.id, cut.seq]);
    await tamper("INSERT INTO audit_checkpoints (chain_key, tenant_id, seq, hash, pruned_count) VALUES ($1, $1, $2, $3, 2)", [t.id, cut.seq, cut.hash]);
    expect(await verifyAuditChain(t.id)).toMatchObject({ valid: false, first_broken_event_id: null, checkpoint: { seq: Number(cut.seq), hash: cut.hash } });
  });

  it("prunes a tenant once a day's worth has expired, not every minute", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(Date.now() - 30.5 * DAY));
    const t = await makeTenant({ plan: "basic" });
    vi.useRealTimers();
    expect((await pruneExpiredAuditEvents(system)).map((r) => r.tenant_id)).not.toContain(t.id);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(Date.now() - 31.5 * DAY));
    await publish(t.id);
    vi.useRealTimers();
    // Now one event is more than a day past the 30 days: everything past them goes, in one run.
    const before = await chainRows(t.id);
    expect((await pruneExpiredAuditEvents(system)).find((r) => r.tenant_id === t.id)?.pruned).toBe(before.length);
  });

  it("keeps an enterprise tenant's old events and a professional tenant's within 365 days", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(Date.now() - 100 * DAY));
    const ent = await makeTenant({ plan: "enterprise" });
    const pro = await makeTenant({ plan: "professional" });
    vi.useRealTimers();
    const results = await pruneExpiredAuditEvents(system);
    expect(results.map((r) => r.tenant_id)).not.toContain(ent.id);
    expect(results.map((r) => r.tenant_id)).not.toContain(pro.id);
    expect((await chainRows(ent.id)).length).toBeGreaterThan(0);
  });

  it("AUDIT_RETENTION_DAYS_ENTERPRISE overrides the plan's unlimited", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(Date.now() - 10 * DAY));
    const ent = await makeTenant({ plan: "enterprise" });
    vi.useRealTimers();
    await publish(ent.id);
    process.env.AUDIT_RETENTION_DAYS_ENTERPRISE = "5";
    try {
      const mine = (await pruneExpiredAuditEvents(system)).find((r) => r.tenant_id === ent.id);
      expect(mine?.pruned).toBeGreaterThan(0);
    } finally {
      delete process.env.AUDIT_RETENTION_DAYS_ENTERPRISE;
    }
    expect((await verifyAuditChain(ent.id)).valid).toBe(true);
  });
});

describe("the migration chains rows written before it", () => {
  const created: string[] = [];
  let tmp: string;
  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), "atrium-chain-"));
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
    for (const name of created) await ownerQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it("in (created_at, id) order per chain, so an old database verifies", async () => {
    const name = `atrium_chain_${randomBytes(4).toString("hex")}`;
    await ownerQuery(`CREATE DATABASE ${name}`);
    created.push(name);
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${name}`;
    const all = path.join(process.cwd(), "prisma", "migrations");
    const before = path.join(tmp, "before");
    for (const e of await readdir(all, { withFileTypes: true })) {
      if (e.isDirectory() && e.name < "20261205010000") await cp(path.join(all, e.name), path.join(before, e.name), { recursive: true });
    }
    await migrate(url.toString(), { dir: before });
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
      const old = [
        ["evt_b", "tenant_a", at(1), { n: 1.5, s: "x\ny", deep: { z: [1, null], a: 1e-7 } }],
        ["evt_a", "tenant_a", at(1), null],
        ["evt_c", "tenant_a", at(0), { big: 1e21 }],
        ["evt_d", null, at(5), { purged: true }],
        ["evt_e", "tenant_b", at(2), { "é": "ü" }],
      ] as const;
      for (const [id, tenant, createdAt, after] of old) {
        await client.query(
          "INSERT INTO audit_events (id, tenant_id, actor_type, actor_label, action, target_type, after, created_at) VALUES ($1, $2, 'system', 'old', 'old.event', 'tenant', $3, $4)",
          [id, tenant, after === null ? null : JSON.stringify(after), createdAt],
        );
      }
      await migrate(url.toString());
      const rows = (await client.query<StoredRow>("SELECT * FROM audit_events ORDER BY coalesce(tenant_id, 'platform'), seq")).rows;
      expect(rows.map((r) => [r.id, Number(r.seq)])).toEqual([["evt_d", 1], ["evt_c", 1], ["evt_a", 2], ["evt_b", 3], ["evt_e", 1]]);
      let prev: StoredRow | null = null;
      for (const r of rows) {
        const first = prev === null || (prev.tenant_id ?? "platform") !== (r.tenant_id ?? "platform");
        expect(r.prev_hash).toBe(first ? GENESIS_HASH : prev!.hash);
        expect(r.hash).toBe(hashAuditRow(r));
        prev = r;
      }
      const heads = (await client.query("SELECT chain_key, seq::int AS seq FROM audit_chain_heads ORDER BY chain_key")).rows;
      expect(heads).toEqual([{ chain_key: "platform", seq: 1 }, { chain_key: "tenant_a", seq: 3 }, { chain_key: "tenant_b", seq: 1 }]);
    } finally {
      await client.end();
    }
  });
});
