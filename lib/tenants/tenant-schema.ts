import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { ownerPool } from "@/lib/db/pools";

export const TENANT_MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "tenant-migrations");
const WANTED_EXTENSIONS = ["pgcrypto", "uuid-ossp", "pg_trgm"];

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function schemaExists(schemaName: string): Promise<boolean> {
  const r = await ownerPool().query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schemaName]);
  return (r.rowCount ?? 0) > 0;
}

export async function createTenantSchema(schemaName: string): Promise<void> {
  await ownerPool().query(`CREATE SCHEMA ${ident(schemaName)}`);
}

export async function dropTenantSchema(schemaName: string): Promise<void> {
  await ownerPool().query(`DROP SCHEMA IF EXISTS ${ident(schemaName)} CASCADE`);
}

export type AppliedTenantMigration = { version: string; name: string; execution_time_ms: number };

/**
 * Applies the project's tenant migrations (prisma/tenant-migrations) to one
 * tenant schema, each in a transaction, recorded in that schema's
 * `schema_migrations`. Already-applied versions are skipped.
 */
export async function applyTenantMigrations(schemaName: string, dir = TENANT_MIGRATIONS_DIR): Promise<AppliedTenantMigration[]> {
  const names = (await readdir(/*turbopackIgnore: true*/ dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const client = await ownerPool().connect();
  const applied: AppliedTenantMigration[] = [];
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS ${ident(schemaName)}.schema_migrations (
      version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now(), execution_time_ms integer NOT NULL)`);
    const done = new Set((await client.query<{ version: string }>(`SELECT version FROM ${ident(schemaName)}.schema_migrations`)).rows.map((r) => r.version));
    for (const dirName of names) {
      const [version, ...rest] = dirName.split("_");
      if (done.has(version)) continue;
      const sql = await readFile(/*turbopackIgnore: true*/ path.join(dir, dirName, "migration.sql"), "utf8");
      const started = performance.now();
      await client.query("BEGIN");
      try {
        await client.query(`SET LOCAL search_path TO ${ident(schemaName)}, public`);
        await client.query(sql);
        const ms = Math.round(performance.now() - started);
        await client.query(`INSERT INTO ${ident(schemaName)}.schema_migrations (version, name, checksum, execution_time_ms) VALUES ($1, $2, $3, $4)`, [
          version,
          rest.join(" "),
          createHash("sha256").update(sql).digest("hex"),
          ms,
        ]);
        await client.query("COMMIT");
        applied.push({ version, name: rest.join(" "), execution_time_ms: ms });
      } catch (err) {
        await client.query("ROLLBACK");
        throw new Error(`tenant migration ${dirName} failed: ${(err as Error).message}`);
      }
    }
    return applied;
  } finally {
    client.release();
  }
}

/** Enables the extensions tenant schemas use, where this server has them; returns those now enabled. */
export async function enableExtensions(): Promise<string[]> {
  const pool = ownerPool();
  const available = new Set(
    (await pool.query<{ name: string }>("SELECT name FROM pg_available_extensions WHERE name = ANY($1)", [WANTED_EXTENSIONS])).rows.map((r) => r.name),
  );
  for (const ext of WANTED_EXTENSIONS) {
    if (!available.has(ext)) continue;
    try {
      await pool.query(`CREATE EXTENSION IF NOT EXISTS ${ident(ext)}`);
    } catch (err) {
      // Two provisionings racing to create the same extension: the loser's error is harmless.
      if (!/already exists|duplicate key/.test((err as Error).message)) throw err;
    }
  }
  const r = await pool.query<{ extname: string }>("SELECT extname FROM pg_extension WHERE extname = ANY($1) ORDER BY extname", [WANTED_EXTENSIONS]);
  return r.rows.map((row) => row.extname);
}
