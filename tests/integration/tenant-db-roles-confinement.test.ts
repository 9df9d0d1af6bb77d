import { describe, expect, it } from "vitest";
import { systemCaller } from "@/lib/auth/caller";
import { AppError } from "@/lib/http/errors";
import { withTenantDb } from "@/lib/dataplane/with-tenant-db";
import { tenantReaderRoleName } from "@/lib/dataplane/tenant-db-roles";
import { purgeDueTenants } from "@/lib/tenants/tenant-deletion";
import { tenantDbRoleName } from "@/lib/tenants/tenant-db-role";
import { makeTenant } from "../support/fixtures";
import { ownerQuery } from "../support/db";

// Every control-plane table, whatever later migrations add.
const controlPlaneTables = async () => (await ownerQuery<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).map((r) => r.t);

const sqlstate = (p: Promise<unknown>) => p.then(() => "ok", (e: { code?: string }) => e.code ?? String(e));

describe("tenant database roles: confinement through withTenantDb", () => {
  it("gives each tenant a NOLOGIN reader the owner may SET ROLE to but does not inherit", async () => {
    const t = await makeTenant();
    const [reader] = await ownerQuery<{ rolcanlogin: boolean; rolinherit: boolean; rolsuper: boolean }>(
      "SELECT rolcanlogin, rolinherit, rolsuper FROM pg_roles WHERE rolname = $1",
      [tenantReaderRoleName(t.id)],
    );
    expect(reader).toEqual({ rolcanlogin: false, rolinherit: false, rolsuper: false });
    const [m] = await ownerQuery<{ inherit_option: boolean; set_option: boolean; admin_option: boolean }>(
      `SELECT inherit_option, set_option, admin_option FROM pg_auth_members
       WHERE roleid = (SELECT oid FROM pg_roles WHERE rolname = $1) AND member = (SELECT oid FROM pg_roles WHERE rolname = $2)`,
      [tenantReaderRoleName(t.id), tenantDbRoleName(t.id)],
    );
    expect(m).toEqual({ inherit_option: false, set_option: true, admin_option: false });
  });

  it("runs as the requested role with search_path on the tenant's schema, all of it transaction-local", async () => {
    const t = await makeTenant();
    const seen = await withTenantDb(t.id, { as: "reader" }, async (c, ctx) => {
      const r = await c.query<{ cu: string; su: string; sp: string; ro: string; to: string }>(
        "SELECT current_user AS cu, session_user AS su, current_setting('search_path') AS sp, current_setting('transaction_read_only') AS ro, current_setting('statement_timeout') AS to",
      );
      expect(ctx.schemaName).toBe(t.schemaName);
      // Unqualified names resolve in the tenant's schema.
      await c.query("SELECT count(*) FROM documents");
      return r.rows[0];
    });
    expect(seen).toEqual({ cu: tenantReaderRoleName(t.id), su: tenantDbRoleName(t.id), sp: `${t.schemaName}, pg_catalog`, ro: "on", to: "10s" });
    const after = await withTenantDb(t.id, { as: "owner", timeoutMs: 1234 }, async (c) => (await c.query("SELECT current_user AS cu, current_setting('transaction_read_only') AS ro, current_setting('statement_timeout') AS to")).rows[0]);
    expect(after).toEqual({ cu: tenantDbRoleName(t.id), ro: "off", to: "1234ms" });
  });

  it("reader: reads its own tables, writes nothing, creates nothing", async () => {
    const t = await makeTenant();
    await withTenantDb(t.id, { as: "owner" }, (c) => c.query("INSERT INTO users (email, name) VALUES ('a@x.test', 'A')"));
    // A table the owner role creates later is readable by the reader too (default privileges).
    await withTenantDb(t.id, { as: "owner" }, (c) => c.query("CREATE TABLE later (id int); INSERT INTO later VALUES (1)"));
    await withTenantDb(t.id, { as: "reader" }, async (c) => {
      expect((await c.query("SELECT count(*)::int AS n FROM users")).rows[0].n).toBe(1);
      expect((await c.query("SELECT count(*)::int AS n FROM later")).rows[0].n).toBe(1);
    });
    await expect(withTenantDb(t.id, { as: "reader" }, (c) => c.query("INSERT INTO users (email, name) VALUES ('b@x.test', 'B')"))).rejects.toMatchObject({ code: "25006" });
    // Even outside a read-only transaction the role itself has no INSERT.
    await expect(
      withTenantDb(t.id, { as: "owner" }, async (c, ctx) => {
        await c.query(`SET LOCAL ROLE "${tenantReaderRoleName(ctx.tenantId)}"`);
        await c.query("INSERT INTO users (email, name) VALUES ('b@x.test', 'B')");
      }),
    ).rejects.toMatchObject({ code: "schema_access_denied", status: 403 });
    await expect(
      withTenantDb(t.id, { as: "owner" }, async (c, ctx) => {
        await c.query(`SET LOCAL ROLE "${tenantReaderRoleName(ctx.tenantId)}"`);
        await c.query("CREATE TABLE mine (id int)");
      }),
    ).rejects.toBeInstanceOf(AppError);
  });

  it("tables a later tenant migration creates (as DATABASE_URL's user) are readable by the reader and writable by the owner", async () => {
    const t = await makeTenant();
    await ownerQuery(`CREATE TABLE "${t.schemaName}".from_migration (id int); INSERT INTO "${t.schemaName}".from_migration VALUES (7)`);
    expect(await withTenantDb(t.id, { as: "reader" }, async (c) => (await c.query("SELECT id FROM from_migration")).rows)).toEqual([{ id: 7 }]);
    await withTenantDb(t.id, { as: "owner" }, (c) => c.query("INSERT INTO from_migration VALUES (8)"));
    // A limit change re-syncs the roles without re-granting (they already hold their grants), and nothing is lost.
    await ownerQuery("SELECT atrium_sync_tenant_db_role($1)", [t.id]);
    expect(await withTenantDb(t.id, { as: "reader" }, async (c) => (await c.query("SELECT count(*)::int AS n FROM from_migration")).rows[0].n)).toBe(2);
  });

  for (const as of ["reader", "owner"] as const) {
    it(`${as}: cannot read another tenant's schema, the control plane, or create in public`, async () => {
      const [a, b] = await Promise.all([makeTenant(), makeTenant()]);
      for (const sql of [
        `SELECT * FROM "${b.schemaName}".users`,
        `SELECT * FROM "${b.schemaName}".schema_migrations`,
        ...(await controlPlaneTables()).map((table) => `SELECT 1 FROM public.${table} LIMIT 1`),
      ]) {
        expect(await sqlstate(withTenantDb(a.id, { as }, (c) => c.query(sql))), sql).toBe("schema_access_denied");
      }
      expect(await sqlstate(withTenantDb(a.id, { as, readOnly: false }, (c) => c.query("CREATE TABLE public.evil (id int)")))).not.toBe("ok");
      expect(await sqlstate(withTenantDb(a.id, { as, readOnly: false }, (c) => c.query(`CREATE TABLE "${b.schemaName}".evil (id int)`)))).not.toBe("ok");
    });
  }

  it("cannot see other sessions' query text in pg_stat_activity", async () => {
    const [a, b] = await Promise.all([makeTenant(), makeTenant()]);
    const marker = `secret_${Date.now()}`;
    let release!: () => void;
    const hold = new Promise<void>((r) => (release = r));
    let running!: () => void;
    const started = new Promise<void>((r) => (running = r));
    const other = withTenantDb(b.id, { as: "owner" }, async (c) => {
      const q = c.query(`SELECT pg_sleep(2), '${marker}'`);
      running();
      await hold;
      await q;
    });
    await started;
    await expect.poll(async () => (await ownerQuery("SELECT 1 FROM pg_stat_activity WHERE query LIKE $1", [`%${marker}'%`])).length).toBe(1);
    for (const as of ["reader", "owner"] as const) {
      const texts = await withTenantDb(a.id, { as }, async (c) => (await c.query<{ query: string | null }>("SELECT query FROM pg_stat_activity WHERE pid <> pg_backend_pid()")).rows);
      expect(texts.length).toBeGreaterThan(0);
      expect(texts.some((r) => r.query?.includes(marker))).toBe(false);
    }
    release();
    await other;
  });

  it("cannot leave the tenant: RESET ROLE lands in its own owner, SET ROLE to another tenant's or a platform role fails", async () => {
    const [a, b] = await Promise.all([makeTenant(), makeTenant()]);
    const reset = await withTenantDb(a.id, { as: "reader" }, async (c) => {
      await c.query("RESET ROLE");
      const who = (await c.query<{ cu: string }>("SELECT current_user AS cu")).rows[0].cu;
      // Still read-only: the transaction began READ ONLY and cannot be switched after a query.
      const write = await sqlstate(c.query("INSERT INTO users (email, name) VALUES ('r@x.test', 'R')"));
      return { who, write };
    });
    expect(reset).toEqual({ who: tenantDbRoleName(a.id), write: "25006" });
    expect(await sqlstate(withTenantDb(a.id, { as: "reader" }, (c) => c.query("SET TRANSACTION READ WRITE")))).not.toBe("ok");
    expect(await sqlstate(withTenantDb(a.id, { as: "reader" }, async (c) => {
      await c.query("RESET ROLE");
      await c.query(`SELECT * FROM "${b.schemaName}".users`);
    }))).toBe("schema_access_denied");
    const currentOwner = (await ownerQuery<{ u: string }>("SELECT current_user AS u"))[0].u;
    for (const role of [tenantReaderRoleName(b.id), tenantDbRoleName(b.id), "atrium_app", "atrium_platform", currentOwner]) {
      for (const as of ["reader", "owner"] as const) {
        expect(await sqlstate(withTenantDb(a.id, { as }, (c) => c.query(`SET ROLE "${role}"`))), `${as} → ${role}`).toBe("schema_access_denied");
        expect(await sqlstate(withTenantDb(a.id, { as }, (c) => c.query(`SET SESSION AUTHORIZATION "${role}"`))), `${as} → session ${role}`).not.toBe("ok");
      }
    }
  });

  it("maps a statement timeout to query_timeout and leaves nothing behind on the pooled connection", async () => {
    const t = await makeTenant();
    await expect(withTenantDb(t.id, { as: "reader", timeoutMs: 100 }, (c) => c.query("SELECT pg_sleep(2)"))).rejects.toMatchObject({ code: "query_timeout" });
    // The next transaction on the (re-used) connection has the defaults again.
    const settings = await Promise.all(
      Array.from({ length: 8 }, () => withTenantDb(t.id, { as: "owner" }, async (c) => (await c.query("SELECT current_user AS cu, current_setting('statement_timeout') AS to")).rows[0])),
    );
    expect(new Set(settings.map((s) => `${s.cu} ${s.to}`))).toEqual(new Set([`${tenantDbRoleName(t.id)} 10s`]));
    await expect(withTenantDb("tnt_doesnotexist", { as: "reader" }, async () => 1)).rejects.toMatchObject({ code: "tenant_not_found", status: 404 });
  });

  it("rolls back when fn throws", async () => {
    const t = await makeTenant();
    await expect(
      withTenantDb(t.id, { as: "owner" }, async (c) => {
        await c.query("INSERT INTO users (email, name) VALUES ('gone@x.test', 'G')");
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await withTenantDb(t.id, { as: "reader" }, async (c) => (await c.query("SELECT count(*)::int AS n FROM users")).rows[0].n)).toBe(0);
  });

  it("drops both roles when the tenant is purged", async () => {
    const t = await makeTenant();
    await withTenantDb(t.id, { as: "owner" }, (c) => c.query("CREATE TABLE owned (id int)"));
    await ownerQuery("UPDATE tenants SET status = 'pending_deletion', deletion_scheduled_at = now(), final_deletion_date = now() - interval '1 minute' WHERE id = $1", [t.id]);
    expect(await purgeDueTenants(systemCaller("test"))).toContain(t.id);
    expect(await ownerQuery("SELECT rolname FROM pg_roles WHERE rolname = ANY($1)", [[tenantReaderRoleName(t.id), tenantDbRoleName(t.id)]])).toEqual([]);
    await expect(withTenantDb(t.id, { as: "reader" }, async () => 1)).rejects.toMatchObject({ code: "tenant_not_found" });
  });
});

describe("tenant reader roles for tenants that predate them", () => {
  it("are created by the sync the migration runs for each existing tenant, grants included", async () => {
    const t = await makeTenant();
    const reader = tenantReaderRoleName(t.id);
    await ownerQuery(`DROP OWNED BY "${reader}"`);
    await ownerQuery(`DROP ROLE "${reader}"`);
    await expect(withTenantDb(t.id, { as: "reader" }, async () => 1)).rejects.toMatchObject({ code: "22023" });
    // What migration 20261207010000_tenant_reader_roles runs for each existing tenant.
    await ownerQuery("SELECT atrium_sync_tenant_db_role($1)", [t.id]);
    expect(await withTenantDb(t.id, { as: "reader" }, async (c) => (await c.query("SELECT count(*)::int AS n FROM documents")).rows[0].n)).toBe(0);
  });
});
