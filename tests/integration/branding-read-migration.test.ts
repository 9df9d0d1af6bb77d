import { randomBytes } from "node:crypto";
import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { migrate } from "@/lib/db/migrate";
import { ownerQuery } from "../support/db";

const MIGRATIONS = path.join(process.cwd(), "prisma", "migrations");
const THIS_MIGRATION = "20261204020000_branding_read_permission";

const dropped: string[] = [];
const tmpDirs: string[] = [];
afterAll(async () => {
  for (const name of dropped) await ownerQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  for (const dir of tmpDirs) await rm(dir, { recursive: true, force: true });
});

async function query<T extends Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

describe(THIS_MIGRATION, () => {
  it("gives branding:read to the custom roles and tenant keys that may edit branding, and to nothing else", async () => {
    const name = `atrium_mig_${randomBytes(4).toString("hex")}`;
    await ownerQuery(`CREATE DATABASE ${name}`);
    dropped.push(name);
    const url = Object.assign(new URL(process.env.DATABASE_URL!), { pathname: `/${name}` }).toString();

    // The database as it was before this migration: every earlier one applied.
    const before = await mkdtemp(path.join(os.tmpdir(), "atrium-branding-read-"));
    tmpDirs.push(before);
    for (const entry of await readdir(MIGRATIONS, { withFileTypes: true })) {
      if (entry.isDirectory() && entry.name < THIS_MIGRATION) await cp(path.join(MIGRATIONS, entry.name), path.join(before, entry.name), { recursive: true });
    }
    await migrate(url, { dir: before });
    await query(url, "INSERT INTO tenants (id, name, slug, schema_name, plan, status) VALUES ('tenant_m', 'M', 'm', 'tenant_m', 'basic', 'active')");
    await query(
      url,
      `INSERT INTO tenant_roles (tenant_id, id, name, permissions) VALUES
         ('tenant_m', 'role_brander', 'Brander', '{members:read,branding:update}'),
         ('tenant_m', 'role_counter', 'Counter', '{usage:read}')`,
    );
    await query(
      url,
      `INSERT INTO api_keys (id, name, scope, tenant_id, prefix, key_hash, permissions) VALUES
         ('key_brand', 'brand', 'tenant', 'tenant_m', 'atr_a', 'h1', '{branding:update}'),
         ('key_users', 'users', 'tenant', 'tenant_m', 'atr_b', 'h2', '{members:read}'),
         ('key_platform', 'platform', 'platform', NULL, 'atr_c', 'h3', '{tenants:read}')`,
    );

    await migrate(url);
    const roles = await query<{ id: string; permissions: string[] }>(url, "SELECT id, permissions FROM tenant_roles ORDER BY id");
    expect(roles).toEqual([
      { id: "role_brander", permissions: ["members:read", "branding:update", "branding:read"] },
      { id: "role_counter", permissions: ["usage:read"] },
    ]);
    const keys = await query<{ id: string; permissions: string[] }>(url, "SELECT id, permissions FROM api_keys ORDER BY id");
    expect(keys).toEqual([
      { id: "key_brand", permissions: ["branding:update", "branding:read"] },
      { id: "key_platform", permissions: ["tenants:read"] },
      { id: "key_users", permissions: ["members:read"] },
    ]);
    // Row-level security is forced again afterwards.
    const forced = await query<{ relname: string; relforcerowsecurity: boolean }>(url, "SELECT relname, relforcerowsecurity FROM pg_class WHERE relname IN ('tenant_roles', 'api_keys') ORDER BY relname");
    expect(forced).toEqual([
      { relname: "api_keys", relforcerowsecurity: true },
      { relname: "tenant_roles", relforcerowsecurity: true },
    ]);
  });
});
