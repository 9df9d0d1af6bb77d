import { describe, expect, it } from "vitest";
import * as tenantRoute from "@/app/api/v1/tenants/[id]/route";
import { systemCaller } from "@/lib/auth/caller";
import { withPlatformScope } from "@/lib/db/scope";
import { purgeDueTenants } from "@/lib/tenants/tenant-deletion";
import { isConnectionLimitError, syncTenantDbRole, tenantDbRoleName, withTenantRoleConnection } from "@/lib/tenants/tenant-db-role";
import { callRoute } from "../support/call-route";
import { makeApiKey, makeTenant } from "../support/fixtures";
import { ownerQuery } from "../support/db";

const role = (name: string) => ownerQuery<{ rolcanlogin: boolean; rolconnlimit: number; rolsuper: boolean; rolcreaterole: boolean; rolbypassrls: boolean }>(
  "SELECT rolcanlogin, rolconnlimit, rolsuper, rolcreaterole, rolbypassrls FROM pg_roles WHERE rolname = $1",
  [name],
);

describe("tenant database role", () => {
  it("is created at provisioning: LOGIN, CONNECTION LIMIT from database_connections, no privilege beyond its schema", async () => {
    const t = await makeTenant({ plan: "professional" });
    expect(await role(tenantDbRoleName(t.id))).toEqual([{ rolcanlogin: true, rolconnlimit: 25, rolsuper: false, rolcreaterole: false, rolbypassrls: false }]);
    const sealed = await ownerQuery<{ password_sealed: string | null }>("SELECT password_sealed FROM tenant_db_roles WHERE tenant_id = $1", [t.id]);
    expect(sealed[0].password_sealed).toMatch(/^v1\./);
  });

  it("reads and writes its own schema, and cannot read another tenant's schema or the control plane", async () => {
    const [a, b] = await Promise.all([makeTenant(), makeTenant()]);
    await withTenantRoleConnection(a.id, async (c) => {
      const who = await c.query<{ current_user: string }>("SELECT current_user");
      expect(who.rows[0].current_user).toBe(tenantDbRoleName(a.id));
      await c.query(`INSERT INTO "${a.schemaName}".users (email, name) VALUES ('x@a.test', 'X')`);
      expect((await c.query(`SELECT count(*)::int AS n FROM "${a.schemaName}".users`)).rows[0].n).toBe(1);
      await c.query(`CREATE TABLE "${a.schemaName}".notes (id int)`);
      await expect(c.query(`SELECT * FROM "${b.schemaName}".users`)).rejects.toMatchObject({ code: "42501" });
      await expect(c.query(`CREATE TABLE "${b.schemaName}".evil (id int)`)).rejects.toMatchObject({ code: "42501" });
      for (const table of ["tenants", "users", "memberships", "api_keys", "audit_events", "tenant_db_roles"]) {
        await expect(c.query(`SELECT 1 FROM public.${table} LIMIT 1`), table).rejects.toMatchObject({ code: "42501" });
      }
      await expect(c.query("CREATE TABLE public.evil (id int)")).rejects.toMatchObject({ code: "42501" });
      await expect(c.query(`INSERT INTO "${a.schemaName}".schema_migrations (version, name, checksum, execution_time_ms) VALUES ('9', 'x', 'x', 0)`)).rejects.toMatchObject({ code: "42501" });
    });
  });

  it("refuses the connection past CONNECTION LIMIT with 53300, and follows the limit when PUT /tenants/{id} changes it", async () => {
    const t = await makeTenant({ plan: "basic" });
    const key = await makeApiKey();
    const put = await callRoute(tenantRoute.PUT, { method: "PUT", key, path: `/api/v1/tenants/${t.id}`, params: { id: t.id }, body: { limits: { database_connections: 2 } } });
    expect(put.status).toBe(200);
    expect((await role(tenantDbRoleName(t.id)))[0].rolconnlimit).toBe(2);

    // Two held open; the third login is refused by PostgreSQL itself.
    let release!: () => void;
    const hold = new Promise<void>((r) => (release = r));
    let opened = 0;
    const holders = [0, 1].map(() => withTenantRoleConnection(t.id, async () => { opened += 1; await hold; }));
    await expect.poll(() => opened).toBe(2);
    const third = await withTenantRoleConnection(t.id, async () => "connected").catch((e: unknown) => e);
    expect(isConnectionLimitError(third)).toBe(true);
    expect(String((third as Error).message)).toMatch(/too many connections for role/);
    release();
    await Promise.all(holders);

    await callRoute(tenantRoute.PUT, { method: "PUT", key, path: `/api/v1/tenants/${t.id}`, params: { id: t.id }, body: { limits: { database_connections: null } } });
    expect((await role(tenantDbRoleName(t.id)))[0].rolconnlimit).toBe(-1);
  });

  it("sync is idempotent and safe under concurrency", async () => {
    const t = await makeTenant();
    const limits = await Promise.all(Array.from({ length: 10 }, () => withPlatformScope((tx) => syncTenantDbRole(tx, t.id))));
    expect(new Set(limits)).toEqual(new Set([25]));
    expect(await role(tenantDbRoleName(t.id))).toHaveLength(1);
  });

  it("comes to a tenant that predates roles as the migration makes it (no password), which the first connection sets", async () => {
    const t = await makeTenant();
    const name = tenantDbRoleName(t.id);
    await ownerQuery(`DROP OWNED BY "${name}"`);
    await ownerQuery(`DROP ROLE "${name}"`);
    await ownerQuery("DELETE FROM tenant_db_roles WHERE tenant_id = $1", [t.id]);
    // What migration 20261206020000_tenant_db_roles runs for each existing tenant.
    await ownerQuery("SELECT atrium_sync_tenant_db_role($1)", [t.id]);
    expect((await role(name))[0]).toMatchObject({ rolcanlogin: true, rolconnlimit: 25 });
    expect(await ownerQuery("SELECT password_sealed FROM tenant_db_roles WHERE tenant_id = $1", [t.id])).toEqual([{ password_sealed: null }]);
    expect(await withTenantRoleConnection(t.id, async (c) => (await c.query(`SELECT count(*)::int AS n FROM "${t.schemaName}".documents`)).rows[0].n)).toBe(0);
    expect((await ownerQuery<{ password_sealed: string | null }>("SELECT password_sealed FROM tenant_db_roles WHERE tenant_id = $1", [t.id]))[0].password_sealed).toMatch(/^v1\./);
  });

  it("is dropped with the schema when the tenant is purged", async () => {
    const t = await makeTenant();
    await withTenantRoleConnection(t.id, async (c) => c.query(`CREATE TABLE "${t.schemaName}".owned_by_role (id int)`));
    await ownerQuery("UPDATE tenants SET status = 'pending_deletion', deletion_scheduled_at = now(), final_deletion_date = now() - interval '1 minute' WHERE id = $1", [t.id]);
    expect(await purgeDueTenants(systemCaller("test"))).toContain(t.id);
    expect(await role(tenantDbRoleName(t.id))).toEqual([]);
  });
});
