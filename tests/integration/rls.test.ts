import { beforeAll, describe, expect, it } from "vitest";
import { appPool } from "@/lib/db/pools";
import { db } from "@/lib/db/prisma";
import { withPlatformScope, withTenantScope } from "@/lib/db/scope";
import { makeTenant } from "../support/fixtures";
import { ownerQuery } from "../support/db";

// Row-Level Security, exercised through the app's own Prisma client and pool
// (role atrium_app), never through the owner.

const TENANT_TABLES = ["memberships", "tenant_usage_daily", "audit_events", "api_keys"];

let A: string;
let B: string;

beforeAll(async () => {
  const [a, b] = await Promise.all([makeTenant(), makeTenant()]);
  A = a.id;
  B = b.id;
  // Usage rows written through the app role, each in its own tenant's scope.
  await withTenantScope(A, (tx) => tx.tenantUsageDaily.create({ data: { tenantId: A, day: new Date("2026-01-01"), meter: "api_calls", sum: 10, count: 1 } }));
  await withTenantScope(B, (tx) => tx.tenantUsageDaily.create({ data: { tenantId: B, day: new Date("2026-01-01"), meter: "api_calls", sum: 20, count: 1 } }));
});

describe("RLS with a tenant in scope", () => {
  it("hides the other tenant's memberships, usage and audit rows even from queries without a where", async () => {
    const seen = await withTenantScope(A, async (tx) => ({
      memberships: await tx.membership.findMany(),
      usage: await tx.tenantUsageDaily.findMany(),
      audit: await tx.auditEvent.findMany(),
      rawMemberships: await tx.$queryRaw<{ tenant_id: string }[]>`SELECT tenant_id FROM memberships`,
      rawCountB: await tx.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM audit_events WHERE tenant_id = ${B}`,
      usageOfB: await tx.tenantUsageDaily.findMany({ where: { tenantId: B } }),
    }));
    expect(seen.memberships.length).toBeGreaterThan(0);
    expect(seen.memberships.every((m) => m.tenantId === A)).toBe(true);
    expect(seen.usage.map((u) => u.tenantId)).toEqual([A]);
    expect(seen.audit.length).toBeGreaterThan(0);
    expect(seen.audit.every((e) => e.tenantId === A)).toBe(true);
    expect(seen.rawMemberships.every((m) => m.tenant_id === A)).toBe(true);
    expect(seen.rawCountB[0].n).toBe(0);
    expect(seen.usageOfB).toEqual([]);

    // ...while B's rows are really there.
    const [{ n }] = await ownerQuery<{ n: number }>("SELECT count(*)::int AS n FROM audit_events WHERE tenant_id = $1", [B]);
    expect(n).toBeGreaterThan(0);
  });

  it("cannot change or delete the other tenant's rows (they match nothing)", async () => {
    const r = await withTenantScope(A, async (tx) => ({
      updated: await tx.membership.updateMany({ where: { tenantId: B }, data: { role: "viewer" } }),
      deleted: await tx.tenantUsageDaily.deleteMany({ where: { tenantId: B } }),
    }));
    expect(r.updated.count).toBe(0);
    expect(r.deleted.count).toBe(0);
    expect(await ownerQuery("SELECT 1 FROM tenant_usage_daily WHERE tenant_id = $1", [B])).toHaveLength(1);
    expect(await ownerQuery("SELECT 1 FROM memberships WHERE tenant_id = $1 AND role = 'owner'", [B])).toHaveLength(1);
  });

  it("refuses inserting a row that carries another tenant's id (WITH CHECK)", async () => {
    type Tx = Parameters<Parameters<typeof withTenantScope>[1]>[0];
    const inserts: ((tx: Tx) => Promise<unknown>)[] = [
      (tx) => tx.tenantUsageDaily.create({ data: { tenantId: B, day: new Date("2026-02-02"), meter: "api_calls" } }),
      (tx) => tx.auditEvent.create({ data: { id: `evt_rls_${Date.now()}`, tenantId: B, chainKey: B, actorType: "system", actorLabel: "rls test", action: "x.test", targetType: "tenant", seq: 1, prevHash: "0", hash: "0" } }),
      (tx) => tx.$executeRaw`INSERT INTO memberships (tenant_id, user_id, role) SELECT ${B}, user_id, 'member' FROM memberships WHERE tenant_id = ${A} LIMIT 1`,
    ];
    for (const insert of inserts) {
      await expect(withTenantScope(A, insert)).rejects.toThrow(/row-level security/i);
    }
    expect(await ownerQuery("SELECT 1 FROM tenant_usage_daily WHERE tenant_id = $1 AND day = '2026-02-02'", [B])).toHaveLength(0);
  });

  it("refuses moving an own row to another tenant", async () => {
    await expect(withTenantScope(A, (tx) => tx.$executeRaw`UPDATE tenant_usage_daily SET tenant_id = ${B} WHERE tenant_id = ${A}`)).rejects.toThrow(/row-level security/i);
    expect(await ownerQuery("SELECT 1 FROM tenant_usage_daily WHERE tenant_id = $1", [A])).toHaveLength(1);
  });
});

describe("RLS with no tenant in scope (fail closed)", () => {
  it("a plain db() query outside any scope sees no tenant rows", async () => {
    expect(await db().membership.findMany({ where: { tenantId: { in: [A, B] } } })).toEqual([]);
    expect(await db().membership.count()).toBe(0);
    expect(await db().tenantUsageDaily.count()).toBe(0);
    expect(await db().auditEvent.count()).toBe(0);
    const raw = await appPool().query("SELECT * FROM memberships WHERE tenant_id = $1", [A]);
    expect(raw.rowCount).toBe(0);
  });

  it("a plain db() insert outside any scope is refused", async () => {
    await expect(db().tenantUsageDaily.create({ data: { tenantId: A, day: new Date("2026-03-03"), meter: "api_calls" } })).rejects.toThrow(/row-level security/i);
  });

  it("platform scope sees every tenant's rows", async () => {
    const ids = await withPlatformScope((tx) => tx.tenantUsageDaily.findMany({ where: { tenantId: { in: [A, B] } } }));
    expect(ids.map((u) => u.tenantId).sort()).toEqual([A, B].sort());
  });
});

describe("the app role", () => {
  it("is atrium_app inside and outside a scope, and it neither bypasses RLS nor is a superuser", async () => {
    const inside = await withTenantScope(A, (tx) => tx.$queryRaw<{ u: string }[]>`SELECT current_user AS u`);
    expect(inside[0].u).toBe("atrium_app");
    const outside = await db().$queryRaw<{ u: string }[]>`SELECT current_user AS u`;
    expect(outside[0].u).toBe("atrium_app");
    const pooled = await appPool().query<{ u: string }>("SELECT current_user AS u");
    expect(pooled.rows[0].u).toBe("atrium_app");

    const [role] = await ownerQuery<{ rolbypassrls: boolean; rolsuper: boolean }>("SELECT rolbypassrls, rolsuper FROM pg_roles WHERE rolname = 'atrium_app'");
    expect(role).toEqual({ rolbypassrls: false, rolsuper: false });
  });

  it("owns none of the tenant tables, and RLS is enabled and forced on each", async () => {
    const rows = await ownerQuery<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean; owner: string }>(
      `SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity, pg_get_userbyid(c.relowner) AS owner
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = ANY($1)`,
      [TENANT_TABLES],
    );
    expect(rows).toHaveLength(TENANT_TABLES.length);
    for (const r of rows) {
      expect(r, r.relname).toMatchObject({ relrowsecurity: true, relforcerowsecurity: true });
      expect(r.owner, r.relname).not.toBe("atrium_app");
    }
  });

  it("cannot update or delete audit events, even in platform scope", async () => {
    const before = await ownerQuery<{ n: number }>("SELECT count(*)::int AS n FROM audit_events WHERE tenant_id = $1", [A]);
    await expect(withPlatformScope((tx) => tx.auditEvent.updateMany({ where: { tenantId: A }, data: { action: "tampered" } }))).rejects.toThrow(/permission denied/i);
    await expect(withPlatformScope((tx) => tx.auditEvent.deleteMany({ where: { tenantId: A } }))).rejects.toThrow(/permission denied/i);
    await expect(withTenantScope(A, (tx) => tx.$executeRaw`DELETE FROM audit_events`)).rejects.toThrow(/permission denied/i);
    await expect(appPool().query("UPDATE audit_events SET action = 'tampered' WHERE tenant_id = $1", [A])).rejects.toThrow(/permission denied/i);
    const after = await ownerQuery<{ n: number }>("SELECT count(*)::int AS n FROM audit_events WHERE tenant_id = $1 AND action <> 'tampered'", [A]);
    expect(after[0].n).toBe(before[0].n);
  });

  it("even the owner cannot rewrite an audit event (append-only trigger)", async () => {
    await expect(ownerQuery("UPDATE audit_events SET action = 'tampered' WHERE tenant_id = $1", [A])).rejects.toThrow(/append-only/);
  });
});

describe("the tenant setting on pooled connections", () => {
  const probe = () =>
    db().$queryRaw<{ pid: number; tenant: string | null; role: string }[]>`
      SELECT pg_backend_pid() AS pid, current_setting('app.tenant_id', true) AS tenant, current_user AS role`;

  it("does not leak to the next use of the same connection (commit, rollback, platform scope)", async () => {
    const pidA = await withTenantScope(A, async (tx) => {
      const [r] = await tx.$queryRaw<{ pid: number; tenant: string }[]>`SELECT pg_backend_pid() AS pid, current_setting('app.tenant_id', true) AS tenant`;
      expect(r.tenant).toBe(A);
      return r.pid;
    });
    // The pool hands back its most recently released connection: the same backend.
    const seen = [];
    for (let i = 0; i < 5; i++) seen.push(...(await probe()));
    expect(seen.map((s) => s.pid)).toContain(pidA);
    for (const s of seen) expect(s.tenant ?? "").toBe("");
    expect(await db().membership.count({ where: { tenantId: A } })).toBe(0);

    let pidRolledBack = 0;
    await expect(
      withTenantScope(B, async (tx) => {
        pidRolledBack = (await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`)[0].pid;
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    const afterRollback = await probe();
    expect(pidRolledBack).toBeGreaterThan(0);
    expect(afterRollback[0].tenant ?? "").toBe("");

    await withPlatformScope((tx) => tx.tenant.count());
    const afterPlatform = await probe();
    expect(afterPlatform[0].role).toBe("atrium_app"); // SET LOCAL ROLE atrium_platform ended with the transaction
    expect(afterPlatform[0].tenant ?? "").toBe("");
    expect(await db().tenantUsageDaily.count()).toBe(0);
  });

  it("keeps two concurrent scopes apart", async () => {
    const [a, b] = await Promise.all([
      withTenantScope(A, async (tx) => {
        await tx.$executeRaw`SELECT pg_sleep(0.05)`;
        return tx.tenantUsageDaily.findMany();
      }),
      withTenantScope(B, (tx) => tx.tenantUsageDaily.findMany()),
    ]);
    expect(a.map((u) => u.tenantId)).toEqual([A]);
    expect(b.map((u) => u.tenantId)).toEqual([B]);
  });
});
