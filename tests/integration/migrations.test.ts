import { createHash, randomBytes } from "node:crypto";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile, appendFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "@/lib/db/migrate";
import { ownerQuery } from "../support/db";

const MIGRATIONS = path.join(process.cwd(), "prisma", "migrations");

/** A fresh, empty database on the same server, dropped after the file. */
const created: string[] = [];
async function freshDatabase(): Promise<string> {
  const name = `atrium_mig_${randomBytes(4).toString("hex")}`;
  await ownerQuery(`CREATE DATABASE ${name}`);
  created.push(name);
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

async function query<T extends Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "atrium-migrations-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
  for (const name of created) await ownerQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
});

async function copyMigrations(): Promise<string> {
  const dir = path.join(tmp, randomBytes(4).toString("hex"));
  await cp(MIGRATIONS, dir, { recursive: true });
  return dir;
}

async function addMigration(dir: string, name: string, sql: string): Promise<void> {
  await mkdir(path.join(dir, name));
  await writeFile(path.join(dir, name, "migration.sql"), sql);
}

describe("migrate()", () => {
  it("is idempotent: running it again on the test database applies nothing", async () => {
    const names = (await readdir(MIGRATIONS, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    const r = await migrate(process.env.DATABASE_URL!);
    expect(r.applied).toEqual([]);
    expect(r.skipped).toEqual(names);
  });

  it("records every migration Prisma-compatibly, with the sha256 of the file as checksum", async () => {
    const url = await freshDatabase();
    const first = await migrate(url);
    const names = (await readdir(MIGRATIONS, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    expect(first.applied).toEqual(names);
    expect(first.skipped).toEqual([]);

    // Prisma's own _prisma_migrations layout.
    const columns = await query<{ column_name: string; data_type: string; is_nullable: string; character_maximum_length: number | null }>(
      url,
      "SELECT column_name, data_type, is_nullable, character_maximum_length FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '_prisma_migrations' ORDER BY ordinal_position",
    );
    expect(columns).toEqual([
      { column_name: "id", data_type: "character varying", is_nullable: "NO", character_maximum_length: 36 },
      { column_name: "checksum", data_type: "character varying", is_nullable: "NO", character_maximum_length: 64 },
      { column_name: "finished_at", data_type: "timestamp with time zone", is_nullable: "YES", character_maximum_length: null },
      { column_name: "migration_name", data_type: "character varying", is_nullable: "NO", character_maximum_length: 255 },
      { column_name: "logs", data_type: "text", is_nullable: "YES", character_maximum_length: null },
      { column_name: "rolled_back_at", data_type: "timestamp with time zone", is_nullable: "YES", character_maximum_length: null },
      { column_name: "started_at", data_type: "timestamp with time zone", is_nullable: "NO", character_maximum_length: null },
      { column_name: "applied_steps_count", data_type: "integer", is_nullable: "NO", character_maximum_length: null },
    ]);

    const rows = await query<{ id: string; migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null; applied_steps_count: number }>(
      url,
      "SELECT id, migration_name, checksum, finished_at, rolled_back_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name",
    );
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const r of rows) {
      const bytes = await readFile(path.join(MIGRATIONS, r.migration_name, "migration.sql"));
      expect(r.checksum).toBe(createHash("sha256").update(bytes).digest("hex"));
      expect(r.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(r.finished_at).toBeInstanceOf(Date);
      expect(r.rolled_back_at).toBeNull();
      expect(r.applied_steps_count).toBe(1);
    }

    // The same rows in the shared test database (migrated by the global setup).
    const testRows = await ownerQuery<{ migration_name: string; checksum: string }>("SELECT migration_name, checksum FROM _prisma_migrations ORDER BY migration_name");
    expect(testRows).toEqual(rows.map((r) => ({ migration_name: r.migration_name, checksum: r.checksum })));

    const again = await migrate(url);
    expect(again).toEqual({ applied: [], skipped: names });
    const [{ n }] = await query<{ n: number }>(url, "SELECT count(*)::int AS n FROM _prisma_migrations");
    expect(n).toBe(names.length);
  });

  it("applies only the new migrations on a later run", async () => {
    const url = await freshDatabase();
    const dir = await copyMigrations();
    await migrate(url, { dir });
    await addMigration(dir, "29990101000000_add_widgets", "CREATE TABLE widgets (id text PRIMARY KEY);");
    const r = await migrate(url, { dir });
    expect(r.applied).toEqual(["29990101000000_add_widgets"]);
    expect(r.skipped).toHaveLength((await readdir(MIGRATIONS, { withFileTypes: true })).filter((e) => e.isDirectory()).length);
    expect(await query(url, "SELECT 1 FROM information_schema.tables WHERE table_name = 'widgets'")).toHaveLength(1);
  });

  it("refuses to run when an applied migration's file was changed afterwards", async () => {
    const url = await freshDatabase();
    const dir = await copyMigrations();
    const { applied } = await migrate(url, { dir });
    const [first] = (await readdir(dir)).filter((n) => !n.endsWith(".toml")).sort();
    await appendFile(path.join(dir, first, "migration.sql"), "\n-- edited after it was applied\n");
    await addMigration(dir, "29990101000000_after_edit", "CREATE TABLE should_not_exist (id text);");
    await expect(migrate(url, { dir })).rejects.toThrow(/changed after it was applied/);
    // Nothing after the refused one ran, and the recorded history is untouched.
    expect(await query(url, "SELECT 1 FROM information_schema.tables WHERE table_name = 'should_not_exist'")).toHaveLength(0);
    const rows = await query<{ migration_name: string }>(url, "SELECT migration_name FROM _prisma_migrations");
    expect(rows.map((r) => r.migration_name).sort()).toEqual(applied);
    // The advisory lock was released: a corrected directory migrates fine.
    await rm(path.join(dir, first), { recursive: true });
    await cp(path.join(MIGRATIONS, first), path.join(dir, first), { recursive: true });
    expect((await migrate(url, { dir })).applied).toEqual(["29990101000000_after_edit"]);
  });

  it("leaves nothing behind when a migration fails (each runs in its own transaction)", async () => {
    const url = await freshDatabase();
    const dir = await copyMigrations();
    await migrate(url, { dir });
    await addMigration(dir, "29990101000000_good", "CREATE TABLE good_one (id text PRIMARY KEY);");
    await addMigration(
      dir,
      "29990102000000_broken",
      "CREATE TABLE half_done (id text PRIMARY KEY);\nINSERT INTO half_done VALUES ('x');\nALTER TABLE tenants ADD COLUMN half_done_col text;\nSELECT * FROM table_that_does_not_exist;",
    );
    await addMigration(dir, "29990103000000_later", "CREATE TABLE later_one (id text PRIMARY KEY);");
    await expect(migrate(url, { dir })).rejects.toThrow(/29990102000000_broken failed/);

    const tables = (await query<{ table_name: string }>(url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")).map((r) => r.table_name);
    expect(tables).toContain("good_one");
    expect(tables).not.toContain("half_done");
    expect(tables).not.toContain("later_one");
    expect(await query(url, "SELECT 1 FROM information_schema.columns WHERE table_name = 'tenants' AND column_name = 'half_done_col'")).toHaveLength(0);
    const names = (await query<{ migration_name: string }>(url, "SELECT migration_name FROM _prisma_migrations")).map((r) => r.migration_name);
    expect(names).toContain("29990101000000_good");
    expect(names).not.toContain("29990102000000_broken");
    expect(names).not.toContain("29990103000000_later");

    // Fixing the broken migration lets the run continue where it stopped.
    await writeFile(path.join(dir, "29990102000000_broken", "migration.sql"), "CREATE TABLE half_done (id text PRIMARY KEY);");
    expect((await migrate(url, { dir })).applied).toEqual(["29990102000000_broken", "29990103000000_later"]);
  });

  it("serialises concurrent migrators: each migration is applied once", async () => {
    const url = await freshDatabase();
    const results = await Promise.all([migrate(url), migrate(url), migrate(url)]);
    const all = results.flatMap((r) => r.applied);
    expect(new Set(all).size).toBe(all.length);
    const [{ n }] = await query<{ n: number }>(url, "SELECT count(*)::int AS n FROM _prisma_migrations");
    expect(n).toBe(all.length);
    expect(all.length).toBe((await readdir(MIGRATIONS, { withFileTypes: true })).filter((e) => e.isDirectory()).length);
  });
});

describe("20261204060000_domain_field_is_tenant_domains", () => {
  it("turns each tenant's declared domain into a pending domain with a TXT token, and tenants.domain into what GET shows", async () => {
    const url = await freshDatabase();
    const dir = await copyMigrations();
    const mine = "20261204060000_domain_field_is_tenant_domains";
    const sql = await readFile(path.join(dir, mine, "migration.sql"), "utf8");
    await rm(path.join(dir, mine), { recursive: true });
    await migrate(url, { dir });
    const tenant = (id: string, domain: string | null) =>
      query(url, "INSERT INTO tenants (id, name, slug, schema_name, domain, plan, status) VALUES ($1, $1, $1, $1, $2, 'basic', 'active')", [id, domain]);
    await tenant("t_declared", "portal.declared.example");
    await tenant("t_none", null);
    await tenant("t_listed", "old.listed.example");
    await query(url, "INSERT INTO tenant_domains (tenant_id, id, domain, is_primary, verification_token, status) VALUES ('t_listed', 'dom_1', 'live.listed.example', true, 'tok', 'verified')");

    await addMigration(dir, mine, sql);
    await migrate(url, { dir });

    const domains = await query<{ tenant_id: string; domain: string; status: string; is_primary: boolean; verification_token: string }>(url, "SELECT tenant_id, domain, status, is_primary, verification_token FROM tenant_domains ORDER BY tenant_id, domain");
    expect(domains.map(({ verification_token, ...d }) => ({ ...d, token: /^[0-9a-f]{40}$/.test(verification_token) || verification_token === "tok" }))).toEqual([
      { tenant_id: "t_declared", domain: "portal.declared.example", status: "pending", is_primary: true, token: true },
      { tenant_id: "t_listed", domain: "live.listed.example", status: "verified", is_primary: true, token: true },
      { tenant_id: "t_listed", domain: "old.listed.example", status: "pending", is_primary: false, token: true },
    ]);
    const shown = await query<{ id: string; domain: string | null }>(url, "SELECT id, domain FROM tenants ORDER BY id");
    expect(shown).toEqual([
      { id: "t_declared", domain: "portal.declared.example" },
      { id: "t_listed", domain: "live.listed.example" },
      { id: "t_none", domain: null },
    ]);
  });
});
