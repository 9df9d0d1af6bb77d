import { migrationPool } from "@/lib/tenant-migrations/migration-pool";
import type { MigrationDirection } from "@/lib/schemas/tenant-migrations";
import { readTenantMigrationFiles, TENANT_MIGRATIONS_DIR, type TenantMigrationFile } from "@/lib/tenant-migrations/migration-files";
import { planTenantMigrations, type PlannedStep } from "@/lib/tenant-migrations/plan-tenant-migrations";
import { quoteIdent } from "@/lib/db/quote-ident";
import { TenantMigrationError, type StepResult } from "@/lib/tenant-migrations/tenant-migration-error";
import { ensureSchemaMigrationsTable, readAppliedMigrations } from "@/lib/tenant-migrations/schema-migrations-table";

export type RunTenantMigrationsOptions = {
  direction?: MigrationDirection;
  /** up: apply up to and including it; down: revert everything newer than it. */
  version?: string;
  dryRun?: boolean;
  force?: boolean;
  /** Versions whose last attempt on this tenant failed: refused unless `force`. */
  failedBefore?: ReadonlySet<string>;
  dir?: string;
  /** The files of `dir`, read once by a fleet run instead of once per tenant. */
  files?: TenantMigrationFile[];
};

export type RunTenantMigrationsResult = { steps: StepResult[]; planned: PlannedStep[]; schemaVersion: string | null };

// A migration waits this long for a lock held by the tenant's own queries, then fails rather than queue every query behind it.
const LOCK_TIMEOUT = "10s";

/**
 * Runs one tenant schema's migrations, up or down. Why the DATABASE_URL user
 * (the owner pool) and not the tenant's own role: every table the starter
 * migrations made since the first tenant is owned by that user, so only it can
 * ALTER them, and schema_migrations is Atrium's record the tenant roles may
 * not write. The tenant roles get each new table through the default
 * privileges atrium_sync_tenant_db_role sets on the schema. search_path is set
 * with SET LOCAL inside each step's transaction, never on the session.
 *
 * Each step is its own transaction holding the tenant's advisory lock, so two
 * runs on one tenant take turns and a fleet touches one schema per transaction;
 * the step re-checks schema_migrations under the lock and skips what a
 * concurrent run already did.
 */
export async function runTenantMigrations(schemaName: string, opts: RunTenantMigrationsOptions = {}): Promise<RunTenantMigrationsResult> {
  const direction = opts.direction ?? "up";
  const files = opts.files ?? (await readTenantMigrationFiles(opts.dir ?? TENANT_MIGRATIONS_DIR));
  const client = await migrationPool().connect();
  const schema = quoteIdent(schemaName);
  try {
    const found = await client.query<{ schema: boolean; table: boolean }>("SELECT to_regnamespace($1) IS NOT NULL AS schema, to_regclass($2) IS NOT NULL AS table", [schema, `${schema}.schema_migrations`]);
    if (!found.rows[0].schema) throw new TenantMigrationError(`The tenant's schema ${schemaName} does not exist`, "refused", null, []);
    const applied = found.rows[0].table ? await readAppliedMigrations(client, schemaName) : [];
    const plan = planTenantMigrations(files, applied, { direction, version: opts.version, force: opts.force ?? false, failedBefore: opts.failedBefore });
    const latest = (versions: string[]) => versions.at(-1) ?? null;
    if (opts.dryRun) {
      return {
        planned: plan.steps,
        steps: plan.steps.map((s) => ({ version: s.version, name: s.name, direction, execution_time_ms: 0, status: "planned" })),
        schemaVersion: latest(applied.map((a) => a.version)),
      };
    }
    if (!found.rows[0].table) await ensureSchemaMigrationsTable(client, schemaName);
    // One round trip: a fleet pays each of these per tenant. Values are escaped literals, so the simple protocol is safe here.
    const begin = () =>
      client.query(
        `BEGIN; SELECT pg_advisory_xact_lock(hashtext('atrium_tenant_migrations'), hashtext(${client.escapeLiteral(schemaName)})); SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'; SET LOCAL search_path TO ${schema}, public`,
      );
    if (plan.acceptChecksums.length > 0) {
      // force: the edited files become the record, so the next run without force is not refused again.
      await begin();
      try {
        for (const m of plan.acceptChecksums) await client.query(`UPDATE ${schema}.schema_migrations SET checksum = $2 WHERE version = $1`, [m.version, m.checksum]);
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK");
        throw err;
      }
    }
    const steps: StepResult[] = [];
    let raced = false;
    for (const step of plan.steps) {
      const started = performance.now();
      await begin();
      try {
        // Re-checked under the lock: a concurrent run on this tenant may have done it already.
        const isApplied = (await client.query(`SELECT 1 FROM ${schema}.schema_migrations WHERE version = $1`, [step.version])).rowCount === 1;
        if (isApplied === (direction === "up")) {
          await client.query("ROLLBACK");
          raced = true;
          continue;
        }
        await client.query(step.sql);
        const ms = Math.round(performance.now() - started);
        const lit = (v: string | number) => client.escapeLiteral(String(v));
        await client.query(
          direction === "up"
            ? `INSERT INTO ${schema}.schema_migrations (version, name, checksum, execution_time_ms) VALUES (${lit(step.version)}, ${lit(step.name)}, ${lit(step.checksum)}, ${ms}); COMMIT`
            : `DELETE FROM ${schema}.schema_migrations WHERE version = ${lit(step.version)}; COMMIT`,
        );
        steps.push({ version: step.version, name: step.name, direction, execution_time_ms: ms, status: "success" });
      } catch (err) {
        await client.query("ROLLBACK").catch(() => undefined);
        const message = (err as Error).message;
        steps.push({ version: step.version, name: step.name, direction, execution_time_ms: Math.round(performance.now() - started), status: "failed", error: message });
        throw new TenantMigrationError(`tenant migration ${step.version}_${step.name.replace(/ /g, "_")} (${direction}) failed: ${message}`, "failed", step.version, steps);
      }
    }
    if (raced) {
      const now = await client.query<{ v: string | null }>(`SELECT max(version) AS v FROM ${schema}.schema_migrations`);
      return { steps, planned: plan.steps, schemaVersion: now.rows[0].v };
    }
    const versions = new Set(applied.map((a) => a.version));
    for (const s of steps) {
      if (direction === "up") versions.add(s.version);
      else versions.delete(s.version);
    }
    return { steps, planned: plan.steps, schemaVersion: latest([...versions].sort()) };
  } finally {
    client.release();
  }
}

/**
 * Provisioning's use: every pending migration of `dir`, up. Throws on the
 * first failure (that step rolled back) with the migration's folder named.
 */
export async function applyTenantMigrations(schemaName: string, dir = TENANT_MIGRATIONS_DIR): Promise<StepResult[]> {
  const { steps } = await runTenantMigrations(schemaName, { direction: "up", dir });
  return steps;
}
