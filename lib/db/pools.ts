import pg from "pg";
import { env } from "@/lib/env";

// Next bundles the proxy, route handlers and pages separately; globalThis keeps
// one pool per process whichever bundle asks first.
const globals = globalThis as unknown as { __atriumAppPool?: pg.Pool; __atriumOwnerPool?: pg.Pool; __atriumReadPool?: pg.Pool };

// Dates stay strings for `date` columns so a day never shifts with the TZ.
pg.types.setTypeParser(1082, (v) => v);

/**
 * The pool all request-serving queries go through. Each connection starts as
 * the `atrium_app` role (no BYPASSRLS, owns nothing), so Row-Level Security
 * applies to every query even when DATABASE_URL names a superuser.
 */
export function appPool(): pg.Pool {
  if (!globals.__atriumAppPool) {
    // The role is a startup parameter, so no connection is ever handed out before it applies.
    const pool = new pg.Pool({ connectionString: env.databaseUrl, max: env.dbPoolSize, options: "-c role=atrium_app" });
    pool.on("error", () => undefined);
    globals.__atriumAppPool = pool;
  }
  return globals.__atriumAppPool;
}

/**
 * The hot reads' pool (lib/db/read-scope.ts): connections as `atrium_app`, like
 * appPool's, in node-postgres's pipeline mode, so a read transaction's
 * statements are written back to back and answered in one round trip instead
 * of one each. Pipeline mode refuses cursors (pg-cursor), so nothing else
 * borrows from it. Half the app pool's size: reads hold a connection briefly.
 */
export function readPool(): pg.Pool {
  if (!globals.__atriumReadPool) {
    const pool = new pg.Pool({ connectionString: env.databaseUrl, max: Math.max(2, Math.ceil(env.dbPoolSize / 2)), options: "-c role=atrium_app", pipeline: true });
    pool.on("error", () => undefined);
    globals.__atriumReadPool = pool;
  }
  return globals.__atriumReadPool;
}

/**
 * The owner's pool: DDL only (tenant schemas, their migrations, purges).
 * Never used to read or write tenant rows on behalf of a caller.
 */
export function ownerPool(): pg.Pool {
  if (!globals.__atriumOwnerPool) {
    const pool = new pg.Pool({ connectionString: env.databaseUrl, max: 3 });
    pool.on("error", () => undefined);
    globals.__atriumOwnerPool = pool;
  }
  return globals.__atriumOwnerPool;
}

export async function closePools(): Promise<void> {
  const { __atriumAppPool: a, __atriumOwnerPool: o, __atriumReadPool: r } = globals;
  // The Prisma client is bound to the app pool ended here: the next db() must build a new one (bench steps reopen them).
  (globalThis as { __atriumPrisma?: unknown }).__atriumPrisma = undefined;
  globals.__atriumAppPool = undefined;
  globals.__atriumOwnerPool = undefined;
  globals.__atriumReadPool = undefined;
  // The data plane's per-tenant pools (lib/dataplane/tenant-pools.ts) live in the same process globals.
  const tenantPools = (globalThis as unknown as { __atriumTenantPools?: Map<string, { pool: pg.Pool }> }).__atriumTenantPools;
  const tenant = [...(tenantPools?.values() ?? [])].map((e) => e.pool.end().catch(() => undefined));
  tenantPools?.clear();
  await Promise.all([a?.end(), o?.end(), r?.end(), ...tenant]);
}
