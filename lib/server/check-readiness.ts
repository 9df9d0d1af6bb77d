import { log } from "@/lib/observability/logger";
import type pg from "pg";
import { appPool, ownerPool } from "@/lib/db/pools";
import { listMigrationNames, MIGRATIONS_DIR } from "@/lib/db/migrate";
import { isDraining } from "@/lib/server/draining";

export type Readiness = {
  ready: boolean;
  checks: { database: "up" | "down"; migrations: "applied" | `pending (${number})` | "unknown"; draining: boolean };
};

type Options = {
  /** The pool requests are served from (default: the app pool). */
  pool?: pg.Pool;
  /** A pool allowed to read `_prisma_migrations` (default: the owner pool; atrium_app may not). */
  migrationsPool?: pg.Pool;
  migrationsDir?: string;
  /** A database that neither answers nor refuses must not hang the probe. */
  timeoutMs?: number;
};

/**
 * Once every migration on disk is applied it stays so until a new build ships
 * new files (a new process), so the answer is kept briefly and probes every few
 * seconds cost one `SELECT 1`. "Pending" is never kept: readiness must turn
 * the moment `npm run db:migrate` finishes.
 */
const APPLIED_KEEP_MS = 30_000;
const globals = globalThis as unknown as { __atriumMigrationsAppliedAt?: number };

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

async function pendingMigrations(pool: pg.Pool, dir: string): Promise<number> {
  const onDisk = await listMigrationNames(dir);
  let applied: Set<string>;
  try {
    const { rows } = await pool.query<{ migration_name: string }>(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    applied = new Set(rows.map((r) => r.migration_name));
  } catch (err) {
    // A database never migrated has no history table: everything is pending.
    if ((err as { code?: string }).code === "42P01") applied = new Set();
    else throw err;
  }
  return onDisk.filter((name) => !applied.has(name)).length;
}

/**
 * What GET /api/health/ready reports: ready only when PostgreSQL answers, no
 * migration in prisma/migrations is missing from `_prisma_migrations`, and
 * this process is not draining (lib/server/graceful-shutdown.ts).
 */
export async function checkReadiness(opts: Options = {}): Promise<Readiness> {
  const custom = opts.pool !== undefined || opts.migrationsDir !== undefined;
  const timeoutMs = opts.timeoutMs ?? 2_000;
  const draining = isDraining();
  let database: Readiness["checks"]["database"] = "up";
  let migrations: Readiness["checks"]["migrations"] = "unknown";
  try {
    await withTimeout((opts.pool ?? appPool()).query("SELECT 1"), timeoutMs, "PostgreSQL");
  } catch (err) {
    log.error({ component: "health", err }, "readiness: database check failed");
    database = "down";
  }
  if (database === "up") {
    const keptAt = custom ? undefined : globals.__atriumMigrationsAppliedAt;
    if (keptAt !== undefined && Date.now() - keptAt < APPLIED_KEEP_MS) {
      migrations = "applied";
    } else {
      try {
        const pending = await withTimeout(pendingMigrations(opts.migrationsPool ?? opts.pool ?? ownerPool(), opts.migrationsDir ?? MIGRATIONS_DIR), timeoutMs, "The migration check");
        migrations = pending === 0 ? "applied" : `pending (${pending})`;
        if (!custom) globals.__atriumMigrationsAppliedAt = pending === 0 ? Date.now() : undefined;
      } catch (err) {
        log.error({ component: "health", err }, "readiness: migration check failed");
      }
    }
  }
  return { ready: database === "up" && migrations === "applied" && !draining, checks: { database, migrations, draining } };
}
