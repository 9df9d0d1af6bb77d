import type pg from "pg";
import { ownerPool } from "@/lib/db/pools";
import { quoteIdent } from "@/lib/db/quote-ident";

export type AppliedTenantMigration = { version: string; name: string; checksum: string; applied_at: string; execution_time_ms: number };

/** The schema's record of applied migrations; made by the first migration run (provisioning). */
export async function ensureSchemaMigrationsTable(client: pg.ClientBase, schemaName: string): Promise<void> {
  await client.query(`CREATE TABLE IF NOT EXISTS ${quoteIdent(schemaName)}.schema_migrations (
    version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now(), execution_time_ms integer NOT NULL)`);
}

/** Applied migrations of a schema, oldest first; [] when it has no schema_migrations table yet. */
export async function readAppliedMigrations(client: pg.ClientBase | pg.Pool, schemaName: string): Promise<AppliedTenantMigration[]> {
  const exists = await client.query<{ t: string | null }>("SELECT to_regclass($1) AS t", [`${quoteIdent(schemaName)}.schema_migrations`]);
  if (!exists.rows[0]?.t) return [];
  const r = await client.query<AppliedTenantMigration>(
    `SELECT version, name, checksum, to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS applied_at, execution_time_ms
       FROM ${quoteIdent(schemaName)}.schema_migrations ORDER BY version`,
  );
  return r.rows;
}

export const readAppliedMigrationsOf = (schemaName: string) => readAppliedMigrations(ownerPool(), schemaName);
