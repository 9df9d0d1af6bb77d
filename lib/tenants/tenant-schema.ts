import { ownerPool } from "@/lib/db/pools";
import { quoteIdent } from "@/lib/db/quote-ident";

const WANTED_EXTENSIONS = ["pgcrypto", "uuid-ossp", "pg_trgm"];


export async function schemaExists(schemaName: string): Promise<boolean> {
  const r = await ownerPool().query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schemaName]);
  return (r.rowCount ?? 0) > 0;
}

export async function createTenantSchema(schemaName: string): Promise<void> {
  await ownerPool().query(`CREATE SCHEMA ${quoteIdent(schemaName)}`);
}

export async function dropTenantSchema(schemaName: string): Promise<void> {
  await ownerPool().query(`DROP SCHEMA IF EXISTS ${quoteIdent(schemaName)} CASCADE`);
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
      await pool.query(`CREATE EXTENSION IF NOT EXISTS ${quoteIdent(ext)}`);
    } catch (err) {
      // Two provisionings racing to create the same extension: the loser's error is harmless.
      if (!/already exists|duplicate key/.test((err as Error).message)) throw err;
    }
  }
  const r = await pool.query<{ extname: string }>("SELECT extname FROM pg_extension WHERE extname = ANY($1) ORDER BY extname", [WANTED_EXTENSIONS]);
  return r.rows.map((row) => row.extname);
}
