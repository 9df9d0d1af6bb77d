// Fleet tenant migrations (issue 12 §4): 1,000 tenant schemas, each with a
// `documents` table of DOCUMENT_ROWS rows, migrated by a fleet run with one
// added column + index (the run's job, processFleetRun, in this process: the
// claims, advisory locks, per-step transactions, records and events are all
// the real ones), at concurrency 1, 4 and 8. Between runs a fleet run down
// (down.sql) puts every schema back. A floor runs the same SQL per schema
// through plain `pg` at the same concurrency (one transaction each: SET LOCAL
// search_path, the migration, the schema_migrations row), with no run record,
// lock, claim or event. `npm run bench -- --migrate-only`, on a fresh database.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export const MIGRATE_TENANTS = Number(process.env.MIGRATE_BENCH_TENANTS ?? 1_000);
const DOCUMENT_ROWS = 200;
const CONCURRENCIES = [1, 4, 8];
const BASE = "20261123000200";
const ADDED = "29990104000100";
const BASE_SQL = "CREATE TABLE documents (id bigserial PRIMARY KEY, title text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());";
const UP_SQL = "ALTER TABLE documents ADD COLUMN archived boolean NOT NULL DEFAULT false;\nCREATE INDEX documents_archived ON documents (archived);";
const DOWN_SQL = "DROP INDEX documents_archived;\nALTER TABLE documents DROP COLUMN archived;";

type Log = (m: string) => void;
type Timed = { concurrency: number; seconds: number; tenants_per_second: number; failed: number };
export type MigrateBenchResult = { tenants: number; rows_per_tenant: number; migration: string; fleet: Timed[]; floor: Timed[]; down_seconds: number; seed_seconds: number };

/** Tenant rows and their schemas, made directly in SQL (provisioning 1,000 tenants through the service would take minutes). */
async function seed(url: string, checksum: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO tenants (id, name, slug, schema_name, plan, status, limits, features, provisioning, created_at, updated_at)
       SELECT 'tenant_m' || lpad(to_hex(g), 15, '0'), 'Migrate ' || g, 'migrate-' || g, 't_migrate_' || g, 'professional', 'active', '{}', '{}', '{}',
              now() - make_interval(secs => $1 - g), now()
         FROM generate_series(1, $1) g`,
      [MIGRATE_TENANTS],
    );
    for (let g = 1; g <= MIGRATE_TENANTS; g++) {
      const s = `"t_migrate_${g}"`;
      await client.query(`CREATE SCHEMA ${s};
        CREATE TABLE ${s}.schema_migrations (version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(), execution_time_ms integer NOT NULL);
        SET search_path TO ${s}; ${BASE_SQL} RESET search_path;
        INSERT INTO ${s}.documents (title) SELECT 'Document ' || i FROM generate_series(1, ${DOCUMENT_ROWS}) i;
        INSERT INTO ${s}.schema_migrations VALUES ('${BASE}', 'create documents', '${checksum}', now(), 0);`);
    }
    await client.query("ANALYZE");
  } finally {
    await client.end();
  }
}

/** The floor: the same statements per schema through plain pg, `concurrency` connections. */
async function floor(url: string, concurrency: number, sql: string, record: (s: string) => string): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: concurrency });
  let next = 1;
  const started = performance.now();
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        const client = await pool.connect();
        try {
          for (let g = next++; g <= MIGRATE_TENANTS; g = next++) {
            const s = `"t_migrate_${g}"`;
            await client.query("BEGIN");
            await client.query(`SET LOCAL search_path TO ${s}, public`);
            await client.query(sql);
            await client.query(record(s));
            await client.query("COMMIT");
          }
        } finally {
          client.release();
        }
      }),
    );
    return (performance.now() - started) / 1000;
  } finally {
    await pool.end();
  }
}

export async function benchTenantMigrations(url: string, log: Log): Promise<MigrateBenchResult> {
  process.env.DATABASE_URL = url;
  const { sha256 } = await import("@/lib/tenant-migrations/migration-files");
  const { systemCaller } = await import("@/lib/auth/caller");
  const { startFleetMigration } = await import("@/lib/tenant-migrations/start-fleet-migration");
  const { processFleetRun } = await import("@/lib/tenant-migrations/process-fleet-run");
  const { getFleetMigration } = await import("@/lib/tenant-migrations/read-fleet-runs");
  const { fleetMigrateSchema } = await import("@/lib/schemas/tenant-migrations");
  const { closePools } = await import("@/lib/db/pools");
  const { migrationPool } = await import("@/lib/tenant-migrations/migration-pool");

  const tmp = await mkdtemp(path.join(os.tmpdir(), "atrium-bench-migrate-"));
  try {
    const dir = path.join(tmp, "migrations");
    await mkdir(path.join(dir, `${BASE}_create_documents`), { recursive: true });
    await writeFile(path.join(dir, `${BASE}_create_documents`, "migration.sql"), BASE_SQL);
    await mkdir(path.join(dir, `${ADDED}_documents_archived`));
    await writeFile(path.join(dir, `${ADDED}_documents_archived`, "migration.sql"), UP_SQL);
    await writeFile(path.join(dir, `${ADDED}_documents_archived`, "down.sql"), DOWN_SQL);

    log(`seeding ${MIGRATE_TENANTS} tenant schemas (documents × ${DOCUMENT_ROWS} rows each)`);
    const seedStarted = performance.now();
    await seed(url, sha256(BASE_SQL));
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    log(`seeded in ${seedSeconds.toFixed(1)} s`);

    const caller = systemCaller("bench");
    const fleetRun = async (body: Record<string, unknown>) => {
      const started = performance.now();
      const run = await startFleetMigration(caller, fleetMigrateSchema.parse(body));
      await processFleetRun(run.run_id, { dir });
      const seconds = (performance.now() - started) / 1000;
      const done = await getFleetMigration(caller, run.run_id, { include_items: false });
      if (done.counts.succeeded !== MIGRATE_TENANTS) throw new Error(`fleet run ${run.run_id}: ${JSON.stringify(done.counts)}`);
      return { seconds, failed: done.counts.failed };
    };
    const rate = (seconds: number) => Math.round((MIGRATE_TENANTS / seconds) * 10) / 10;
    const fleet: Timed[] = [];
    const floors: Timed[] = [];
    let downSeconds = 0;
    // A dry run over every tenant first, untimed: the first timed run should not pay for JIT, pools and Prisma's start.
    log("warming up (a dry run over every tenant)");
    await fleetRun({ concurrency: 8, dry_run: true });
    for (const concurrency of CONCURRENCIES) {
      log(`fleet run up, concurrency ${concurrency}…`);
      const up = await fleetRun({ concurrency });
      fleet.push({ concurrency, seconds: Math.round(up.seconds * 10) / 10, tenants_per_second: rate(up.seconds), failed: up.failed });
      log(`  ${up.seconds.toFixed(1)} s, ${rate(up.seconds)} tenants/s; back down (concurrency 8)`);
      downSeconds = (await fleetRun({ concurrency: 8, direction: "down", version: BASE })).seconds;
      log(`floor (plain pg), concurrency ${concurrency}…`);
      const f = await floor(url, concurrency, UP_SQL, (s) => `INSERT INTO ${s}.schema_migrations VALUES ('${ADDED}', 'documents archived', 'x', now(), 0)`);
      floors.push({ concurrency, seconds: Math.round(f * 10) / 10, tenants_per_second: rate(f), failed: 0 });
      log(`  ${f.toFixed(1)} s, ${rate(f)} tenants/s`);
      await floor(url, 8, DOWN_SQL, (s) => `DELETE FROM ${s}.schema_migrations WHERE version = '${ADDED}'`);
    }
    const result: MigrateBenchResult = { tenants: MIGRATE_TENANTS, rows_per_tenant: DOCUMENT_ROWS, migration: UP_SQL, fleet, floor: floors, down_seconds: Math.round(downSeconds * 10) / 10, seed_seconds: Math.round(seedSeconds) };
    await mkdir("bench/results", { recursive: true });
    await writeFile("bench/results/tenant-migrations.json", `${JSON.stringify(result, null, 2)}\n`);
    return result;
  } finally {
    await rm(tmp, { recursive: true, force: true });
    await migrationPool().end();
    await closePools();
  }
}

export function formatMigrateBench(r: MigrateBenchResult): string {
  const lines = [
    `Fleet tenant migration: ${r.tenants} tenants (documents × ${r.rows_per_tenant} rows), one added column + index`,
    "concurrency | fleet run s | tenants/s | floor s | floor tenants/s | fleet ÷ floor time",
  ];
  for (const f of r.fleet) {
    const fl = r.floor.find((x) => x.concurrency === f.concurrency)!;
    lines.push(`${String(f.concurrency).padStart(11)} | ${f.seconds.toFixed(1).padStart(11)} | ${f.tenants_per_second.toFixed(1).padStart(9)} | ${fl.seconds.toFixed(1).padStart(7)} | ${fl.tenants_per_second.toFixed(1).padStart(15)} | ${(f.seconds / fl.seconds).toFixed(2)}×`);
  }
  lines.push(`(a fleet run down at concurrency 8: ${r.down_seconds} s)`);
  return lines.join("\n");
}
