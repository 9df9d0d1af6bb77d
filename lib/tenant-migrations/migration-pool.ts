import pg from "pg";
import { env } from "@/lib/env";
import { MAX_FLEET_CONCURRENCY } from "@/lib/schemas/tenant-migrations";

const globals = globalThis as unknown as { __atriumMigrationPool?: pg.Pool };

/**
 * Connections of the DATABASE_URL user for tenant migrations (DDL, like the
 * owner pool), apart from the owner pool's three so a fleet run at its
 * highest concurrency neither waits on them nor starves provisioning and
 * purges. Idle connections close after a few seconds: runs are rare.
 */
export function migrationPool(): pg.Pool {
  if (!globals.__atriumMigrationPool) {
    const pool = new pg.Pool({ connectionString: env.databaseUrl, max: MAX_FLEET_CONCURRENCY, idleTimeoutMillis: 5_000, allowExitOnIdle: true });
    pool.on("error", () => undefined);
    globals.__atriumMigrationPool = pool;
  }
  return globals.__atriumMigrationPool;
}
