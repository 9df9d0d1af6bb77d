import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemCaller } from "@/lib/auth/caller";
import { AppError } from "@/lib/http/errors";
import { createTenantSchema as createTenantBody } from "@/lib/schemas/tenant";
import { createTenant } from "@/lib/tenants/create-tenant";
import { provisionTenant } from "@/lib/tenants/provision-tenant";
import { TENANT_MIGRATIONS_DIR } from "@/lib/tenant-migrations/migration-files";
import { uniq } from "../support/fixtures";
import { auditEvents, ownerQuery, pgSchemaExists, tenantRow } from "../support/db";

let tmp: string;
let brokenDir: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "atrium-tenant-migrations-"));
  // The real tenant migrations, then one that fails half-way.
  brokenDir = path.join(tmp, "broken");
  await cp(TENANT_MIGRATIONS_DIR, brokenDir, { recursive: true });
  await mkdir(path.join(brokenDir, "29990101000000_broken"));
  await writeFile(path.join(brokenDir, "29990101000000_broken", "migration.sql"), "CREATE TABLE widgets (id int);\nINSERT INTO widgets VALUES ('not a number');");
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const input = (slug: string, email: string) => createTenantBody.parse({ tenant: { name: `Broken ${slug}`, slug, plan: "basic", admin_user: { email, name: "Admin" } } });

describe("provisioning failure", () => {
  it("a broken tenant migration → AppError migration_failed, and everything is rolled back", async () => {
    const slug = uniq("broken-");
    const email = `admin@${slug}.test`;
    const caller = systemCaller("provision-test");
    const { tenant, admin } = await createTenant(caller, input(slug, email));
    expect(tenant.status).toBe("provisioning");
    expect(await tenantRow(tenant.id)).toBeDefined();

    const err = await provisionTenant(caller, tenant, admin, { migrationsDir: brokenDir }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("migration_failed");
    expect((err as AppError).status).toBe(500);
    expect((err as AppError).message).toMatch(/migration_setup/);
    expect((err as AppError).details).toEqual({ step: "migration_setup" });

    expect(await tenantRow(tenant.id)).toBeUndefined();
    expect(await pgSchemaExists(tenant.schemaName)).toBe(false);
    expect(await ownerQuery("SELECT 1 FROM users WHERE email = $1", [email])).toEqual([]);
    expect(await ownerQuery("SELECT 1 FROM memberships WHERE tenant_id = $1", [tenant.id])).toEqual([]);

    const [failed] = await auditEvents(tenant.id, "tenant.provisioning_failed");
    expect(failed).toMatchObject({ tenant_id: tenant.id, actor_type: "system", actor_label: "provision-test", target_type: "tenant" });
    expect(failed.after).toMatchObject({ slug, step: "migration_setup" });
    expect(String(failed.after!.error)).toMatch(/29990101000000_broken/);
    expect(await auditEvents(tenant.id, "tenant.provisioned")).toEqual([]);

    // The slug, schema name and email are free again.
    const again = await createTenant(caller, input(slug, email));
    const done = await provisionTenant(caller, again.tenant, again.admin);
    expect(done.tenant.status).toBe("active");
    expect(await pgSchemaExists(again.tenant.schemaName)).toBe(true);
  });

  it("keeps an admin account that existed before the failed provisioning", async () => {
    const caller = systemCaller("provision-test");
    const firstSlug = uniq("ok-");
    const email = `shared@${firstSlug}.test`;
    const first = await createTenant(caller, input(firstSlug, email));
    const done = await provisionTenant(caller, first.tenant, first.admin);

    const { tenant, admin } = await createTenant(caller, input(uniq("broken-"), email));
    await expect(provisionTenant(caller, tenant, admin, { migrationsDir: brokenDir })).rejects.toMatchObject({ code: "migration_failed" });
    const users = await ownerQuery<{ id: string }>("SELECT id FROM users WHERE email = $1", [email]);
    expect(users.map((u) => u.id)).toEqual([done.adminUser.id]);
    expect(await ownerQuery("SELECT role FROM memberships WHERE user_id = $1", [done.adminUser.id])).toEqual([{ role: "owner" }]);
  });

  it("a schema that appeared after the tenant was recorded → schema_name_exists, rolled back, and that schema left alone", async () => {
    const caller = systemCaller("provision-test");
    const slug = uniq("late-");
    const { tenant, admin } = await createTenant(caller, input(slug, `a@${slug}.test`));
    // Someone else's schema, with data, under the name the tenant reserved.
    await ownerQuery(`CREATE SCHEMA "${tenant.schemaName}"`);
    await ownerQuery(`CREATE TABLE "${tenant.schemaName}".precious (v text); INSERT INTO "${tenant.schemaName}".precious VALUES ('keep me')`);
    try {
      await expect(provisionTenant(caller, tenant, admin)).rejects.toMatchObject({ code: "schema_name_exists" });
      expect(await tenantRow(tenant.id)).toBeUndefined();
      expect(await auditEvents(tenant.id, "tenant.provisioning_failed")).toHaveLength(1);
      // Provisioning never created it, so undoing provisioning must not drop it.
      expect(await pgSchemaExists(tenant.schemaName)).toBe(true);
      expect(await ownerQuery(`SELECT v FROM "${tenant.schemaName}".precious`)).toEqual([{ v: "keep me" }]);
    } finally {
      await ownerQuery(`DROP SCHEMA IF EXISTS "${tenant.schemaName}" CASCADE`);
    }
  });
});
