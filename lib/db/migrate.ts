import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

export type MigrationResult = { applied: string[]; skipped: string[] };

export const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

/** The migrations on disk, in the order they apply: one directory each. */
export async function listMigrationNames(dir: string = MIGRATIONS_DIR): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

async function listMigrations(dir: string): Promise<{ name: string; sql: string; checksum: string }[]> {
  const names = await listMigrationNames(dir);
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

/**
 * Applies prisma/migrations/<ts>_<name>/migration.sql in order, each in its own
 * transaction, recording them in `_prisma_migrations` exactly as Prisma does
 * (sha256 checksum of the file). An applied migration whose file has since
 * changed stops the run: history is never rewritten silently.
 */
export async function migrate(
  databaseUrl: string,
  /** `before`: apply only the migrations whose name sorts before it (a test's database as it was then). */
  opts: { dir?: string; log?: (msg: string) => void; before?: string } = {},
): Promise<MigrationResult> {
  const log = opts.log ?? (() => undefined);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // Two migrators starting at once (two app instances) must not interleave.
    await client.query("SELECT pg_advisory_lock(727274)");
    await client.query(`CREATE TABLE IF NOT EXISTS _prisma_migrations (
      id varchar(36) PRIMARY KEY NOT NULL,
      checksum varchar(64) NOT NULL,
      finished_at timestamptz,
      migration_name varchar(255) NOT NULL,
      logs text,
      rolled_back_at timestamptz,
      started_at timestamptz NOT NULL DEFAULT now(),
      applied_steps_count integer NOT NULL DEFAULT 0
    )`);
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      "SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    const applied = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    const result: MigrationResult = { applied: [], skipped: [] };
    for (const m of await listMigrations(opts.dir ?? MIGRATIONS_DIR)) {
      if (opts.before !== undefined && m.name >= opts.before) break;
      const known = applied.get(m.name);
      if (known !== undefined) {
        if (known !== m.checksum) {
          throw new Error(`Migration ${m.name} was changed after it was applied (checksum ${known.slice(0, 12)}… in the database, ${m.checksum.slice(0, 12)}… on disk). Write a new migration instead.`);
        }
        result.skipped.push(m.name);
        continue;
      }
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(
          "INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)",
          [randomUUID(), m.checksum, m.name],
        );
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${m.name} failed: ${(err as Error).message}`);
      }
      log(`applied ${m.name}`);
      result.applied.push(m.name);
    }
    return result;
  } finally {
    await client.query("SELECT pg_advisory_unlock(727274)").catch(() => undefined);
    await client.end();
  }
}
