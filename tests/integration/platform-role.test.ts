import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemCaller } from "@/lib/auth/caller";
import { appPool } from "@/lib/db/pools";
import { db } from "@/lib/db/prisma";
import { migrate } from "@/lib/db/migrate";
import { PLATFORM_ROLE, withPlatformScope, withTenantScope } from "@/lib/db/scope";
import { inviteMembers } from "@/lib/invitations/invite-members";
import { createRole } from "@/lib/roles/create-role";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { createTenantApiKey } from "@/lib/tenant-api-keys/create-tenant-api-key";
import { makeTenant } from "../support/fixtures";
import { ownerQuery } from "../support/db";

// DESIGN.md: "Cross-tenant control-plane access needs a separate database role,
// not a setting the app role can flip." Before, every policy also passed rows
// when app.platform_scope = 'on', which any atrium_app session could set.

const actor = platformActor(systemCaller("test"));

/** Every table of the control plane under row-level security, with its tenant column. */
async function rlsTables(): Promise<{ table: string; tenantColumn: string }[]> {
  const rows = await ownerQuery<{ relname: string }>(
    "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relrowsecurity ORDER BY 1",
  );
  return rows.map((r) => ({ table: r.relname, tenantColumn: r.relname === "tenants" ? "id" : "tenant_id" }));
}

/** Rows belonging to a tenant (platform-wide rows such as platform keys have no tenant) that `query` can see. */
async function tenantRowsSeen(query: (sql: string) => Promise<{ n: number }[]>, tables: { table: string; tenantColumn: string }[]) {
  const seen: Record<string, number> = {};
  for (const { table, tenantColumn } of tables) seen[table] = (await query(`SELECT count(*)::int AS n FROM "${table}" WHERE "${tenantColumn}" IS NOT NULL`))[0].n;
  return seen;
}

let tables: { table: string; tenantColumn: string }[];
let ids: string[];

beforeAll(async () => {
  const [a, b] = await Promise.all([makeTenant(), makeTenant()]);
  ids = [a.id, b.id];
  // Something in each tenant-owned table the brief names, written through the services.
  for (const t of [a, b]) {
    await withTenantScope(t.id, (tx) => tx.tenantUsageDaily.create({ data: { tenantId: t.id, day: new Date("2026-01-01"), meter: "api_calls", sum: 1 } }));
    await createTenantApiKey(actor, t.id, { name: "platform-role test", permissions: ["members:read"] });
    await createRole(actor, t.id, { name: "Support", permissions: ["members:read"] });
    await inviteMembers(actor, t.id, { emails: [`x@${t.slug}.test`], role: "viewer" });
  }
  tables = await rlsTables();
});

describe("the atrium_platform role", () => {
  it("exists, cannot log in, is no superuser, does not bypass RLS, owns nothing; atrium_app is not a member of it", async () => {
    const [role] = await ownerQuery("SELECT rolcanlogin, rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = $1", [PLATFORM_ROLE]);
    expect(role).toEqual({ rolcanlogin: false, rolsuper: false, rolbypassrls: false, rolcreaterole: false, rolcreatedb: false });
    expect(await ownerQuery("SELECT relname FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = $1)", [PLATFORM_ROLE])).toEqual([]);
    const [m] = await ownerQuery<{ app_in_platform: boolean; platform_in_app: boolean }>(
      "SELECT pg_has_role('atrium_app', 'atrium_platform', 'MEMBER') AS app_in_platform, pg_has_role('atrium_platform', 'atrium_app', 'USAGE') AS platform_in_app",
    );
    expect(m).toEqual({ app_in_platform: false, platform_in_app: true });
  });

  it("is the only way past the tenant policies: no policy or function reads app.platform_scope, and every RLS table lets atrium_platform through", async () => {
    const policies = await ownerQuery<{ tablename: string; policyname: string; roles: string; qual: string | null; with_check: string | null }>(
      "SELECT tablename, policyname, roles::text AS roles, qual, with_check FROM pg_policies WHERE schemaname = 'public'",
    );
    for (const p of policies) expect(`${p.qual} ${p.with_check}`, `${p.tablename}.${p.policyname}`).not.toMatch(/platform_scope/);
    for (const { table } of tables) {
      expect(policies.filter((p) => p.tablename === table && p.roles === `{${PLATFORM_ROLE}}`).map((p) => p.policyname), table).toEqual(["platform_scope"]);
    }
    const functions = await ownerQuery<{ proname: string }>("SELECT proname FROM pg_proc WHERE array_to_string(proconfig, ',') LIKE '%platform_scope%'");
    expect(functions).toEqual([]);
  });
});

describe("set_config('app.platform_scope', 'on') as atrium_app", () => {
  it("shows no tenant's rows in any RLS table, for the session or the transaction", async () => {
    const withData = await tenantRowsSeen((sql) => ownerQuery(sql), tables);
    for (const t of ["tenants", "memberships", "audit_events", "api_keys", "tenant_usage_daily", "tenant_roles", "tenant_invitations", "mail_outbox"]) {
      expect(withData[t], t).toBeGreaterThan(0);
    }
    const nothing = Object.fromEntries(tables.map(({ table }) => [table, 0]));

    const client = await appPool().connect();
    try {
      await client.query("SELECT set_config('app.platform_scope', 'on', false)");
      expect((await client.query("SELECT current_user AS u")).rows[0].u).toBe("atrium_app");
      expect(await tenantRowsSeen(async (sql) => (await client.query(sql)).rows, tables)).toEqual(nothing);

      await client.query("BEGIN");
      await client.query("SELECT set_config('app.platform_scope', 'on', true)");
      expect(await tenantRowsSeen(async (sql) => (await client.query(sql)).rows, tables)).toEqual(nothing);
      await client.query("ROLLBACK");
    } finally {
      client.release(true); // this connection carries a session setting: never back to the pool
    }
  });

  it("does not let it write another tenant's rows either", async () => {
    const client = await appPool().connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT set_config('app.platform_scope', 'on', true)");
      const updated = await client.query("UPDATE memberships SET role = 'viewer' WHERE tenant_id = ANY($1)", [ids]);
      expect(updated.rowCount).toBe(0);
      await expect(client.query("INSERT INTO tenant_usage_daily (tenant_id, day) VALUES ($1, '2026-02-02')", [ids[0]])).rejects.toThrow(/row-level security/);
      await client.query("ROLLBACK");
    } finally {
      client.release(true);
    }
  });
});

describe("withPlatformScope", () => {
  it("runs as atrium_platform and sees every tenant's rows, as many as the owner does", async () => {
    // Other files write concurrently, so compare the rows of this file's two tenants only.
    const ours = (query: (sql: string) => Promise<{ n: number }[]>) =>
      Promise.all(tables.map(async ({ table, tenantColumn }) => (await query(`SELECT count(*)::int AS n FROM "${table}" WHERE "${tenantColumn}" IN ('${ids.join("','")}')`))[0].n));
    const seen = await withPlatformScope(async (tx) => ({
      user: (await tx.$queryRaw<{ u: string }[]>`SELECT current_user AS u`)[0].u,
      rows: await ours((sql) => tx.$queryRawUnsafe(sql)),
    }));
    expect(seen.user).toBe(PLATFORM_ROLE);
    expect(seen.rows).toEqual(await ours((sql) => ownerQuery(sql)));
    expect(seen.rows[tables.findIndex((t) => t.table === "tenants")]).toBe(2);
  });

  it("ends with its transaction: the pooled connection used next is atrium_app again and sees nothing (commit and rollback)", async () => {
    const probe = () => db().$queryRaw<{ pid: number; u: string; n: number }[]>`SELECT pg_backend_pid() AS pid, current_user AS u, (SELECT count(*)::int FROM tenants) AS n`;
    const pid = await withPlatformScope(async (tx) => (await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`)[0].pid);
    const seen = [];
    for (let i = 0; i < 5; i++) seen.push(...(await probe()));
    // The pool hands back its most recently released connection: the same backend.
    expect(seen.map((s) => s.pid)).toContain(pid);
    for (const s of seen) expect({ u: s.u, n: s.n }).toEqual({ u: "atrium_app", n: 0 });

    await expect(
      withPlatformScope(async () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    for (const s of await probe()) expect({ u: s.u, n: s.n }).toEqual({ u: "atrium_app", n: 0 });
  });

  it("still cannot rewrite audit rows (atrium_platform has atrium_app's grants, no more)", async () => {
    await expect(withPlatformScope((tx) => tx.$executeRawUnsafe(`UPDATE audit_events SET action = 'x' WHERE tenant_id = '${ids[0]}'`))).rejects.toThrow(/permission denied/);
    await expect(withPlatformScope((tx) => tx.$executeRawUnsafe(`DELETE FROM audit_events WHERE tenant_id = '${ids[0]}'`))).rejects.toThrow(/permission denied/);
  });
});

// Production databases are usually owned by a login that is no superuser, so
// FORCE ROW LEVEL SECURITY binds the owner and the SECURITY DEFINER functions
// it owns: they must get through as members of atrium_platform.
describe("on a database migrated by an owner who is no superuser", () => {
  const suffix = randomBytes(4).toString("hex");
  const login = `atrium_owner_${suffix}`;
  const dbName = `atrium_plain_${suffix}`;
  const password = randomBytes(12).toString("hex");
  let url: string;

  beforeAll(async () => {
    await ownerQuery(`CREATE ROLE ${login} LOGIN NOSUPERUSER CREATEROLE PASSWORD '${password}'`);
    // The roles are cluster-wide and exist already: README's "or it must exist and be granted to that user".
    await ownerQuery(`GRANT atrium_app, atrium_platform TO ${login} WITH ADMIN OPTION`);
    // Migrations applied before 20261204010000 name app.platform_scope in functions' SET clauses.
    await ownerQuery(`GRANT SET ON PARAMETER app.platform_scope TO ${login}`);
    await ownerQuery(`CREATE DATABASE ${dbName} OWNER ${login}`);
    const u = new URL(process.env.DATABASE_URL!);
    u.username = login;
    u.password = password;
    u.pathname = `/${dbName}`;
    url = u.toString();
    await migrate(url);
  });

  afterAll(async () => {
    await ownerQuery(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await ownerQuery(`REVOKE SET ON PARAMETER app.platform_scope FROM ${login}`).catch(() => undefined);
    await ownerQuery(`DROP OWNED BY ${login}`).catch(() => undefined);
    await ownerQuery(`DROP ROLE IF EXISTS ${login}`);
  });

  async function session<T>(opts: { asApp: boolean }, fn: (c: pg.Client) => Promise<T>): Promise<T> {
    const c = new pg.Client({ connectionString: url, ...(opts.asApp ? { options: "-c role=atrium_app" } : {}) });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  }

  it("the owner, the app with the setting, the platform role and the host lookup each see what they should", async () => {
    const [{ rolsuper }] = await ownerQuery<{ rolsuper: boolean }>("SELECT rolsuper FROM pg_roles WHERE rolname = $1", [login]);
    expect(rolsuper).toBe(false);
    // The owner writes a tenant (FORCE RLS binds it; its membership in atrium_platform lets it through).
    await session({ asApp: false }, (c) =>
      c.query("INSERT INTO tenants (id, name, slug, schema_name, plan, status) VALUES ('tnt_plain', 'Plain', 'plain', 'tenant_plain', 'basic', 'active')"),
    );
    const seen = await session({ asApp: true }, async (c) => {
      await c.query("SELECT set_config('app.platform_scope', 'on', false)");
      const withSetting = (await c.query("SELECT count(*)::int AS n FROM tenants")).rows[0].n;
      await c.query("BEGIN");
      await c.query("SET LOCAL ROLE atrium_platform");
      const asPlatform = (await c.query("SELECT count(*)::int AS n FROM tenants")).rows[0].n;
      await c.query("COMMIT");
      const after = (await c.query("SELECT current_user AS u, (SELECT count(*)::int FROM tenants) AS n")).rows[0];
      const host = (await c.query("SELECT id FROM atrium_tenant_for_host('plain')")).rows;
      return { withSetting, asPlatform, after, host };
    });
    expect(seen).toEqual({ withSetting: 0, asPlatform: 1, after: { u: "atrium_app", n: 0 }, host: [{ id: "tnt_plain" }] });
  });

  it("lets the app create and limit a tenant's database role through atrium_sync_tenant_db_role, with an owner that has CREATEROLE only", async () => {
    const tenantId = `tnt_roles_${suffix}`;
    const role = `${tenantId}_owner`;
    try {
      await session({ asApp: false }, async (c) => {
        await c.query(`INSERT INTO tenants (id, name, slug, schema_name, plan, status, limits) VALUES ($1, 'Roles', $2, $3, 'basic', 'active', '{"database_connections": 4}')`, [tenantId, `roles-${suffix}`, `tenant_roles_${suffix}`]);
        await c.query(`CREATE SCHEMA tenant_roles_${suffix}`);
      });
      const limit = await session({ asApp: true }, async (c) => {
        await c.query("BEGIN");
        await c.query("SET LOCAL ROLE atrium_platform");
        const r = (await c.query("SELECT atrium_sync_tenant_db_role($1) AS l", [tenantId])).rows[0].l;
        await c.query("COMMIT");
        return r;
      });
      expect(limit).toBe(4);
      expect(await ownerQuery("SELECT rolcanlogin, rolconnlimit, rolsuper FROM pg_roles WHERE rolname = $1", [role])).toEqual([{ rolcanlogin: true, rolconnlimit: 4, rolsuper: false }]);
    } finally {
      await session({ asApp: false }, async (c) => {
        await c.query(`DROP SCHEMA IF EXISTS tenant_roles_${suffix} CASCADE`);
        await c.query(`DROP OWNED BY "${role}"`).catch(() => undefined);
        await c.query(`DROP ROLE IF EXISTS "${role}"`);
      });
    }
  });
});
