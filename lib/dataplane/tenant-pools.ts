import pg from "pg";
import { env } from "@/lib/env";
import { tenantDbCredentials } from "@/lib/tenants/tenant-db-role";

/**
 * One small pool per tenant, logged in as the tenant's own `<id>_owner` role.
 * The session user is then a role of that tenant only: PostgreSQL enforces the
 * tenant's CONNECTION LIMIT at login, and no statement run on such a session
 * (not even `RESET ROLE` or `SET ROLE other`) can reach another tenant's role.
 * Pools close idle connections quickly (idle sessions count against the
 * tenant's limit and its metered connections) and the least recently used
 * pools are ended past a cap, so a fleet job touching 1,000 tenants does not
 * keep 1,000 pools open.
 */
type Entry = { pool: pg.Pool; lastUsed: number };
const globals = globalThis as unknown as { __atriumTenantPools?: Map<string, Entry> };
const pools = (globals.__atriumTenantPools ??= new Map());

const IDLE_MS = 10_000;

export function dataplanePoolMax(): number {
  return env.dataplanePoolSize;
}

async function createPool(tenantId: string): Promise<pg.Pool> {
  const { user, password } = await tenantDbCredentials(tenantId);
  const url = new URL(env.databaseUrl);
  url.username = encodeURIComponent(user);
  url.password = encodeURIComponent(password);
  const pool = new pg.Pool({ connectionString: url.toString(), max: env.dataplanePoolSize, idleTimeoutMillis: IDLE_MS, allowExitOnIdle: true });
  pool.on("error", () => undefined);
  return pool;
}

function evictBeyondCap(): void {
  const cap = env.dataplaneMaxPools;
  if (pools.size <= cap) return;
  const oldest = [...pools.entries()].sort((a, b) => a[1].lastUsed - b[1].lastUsed).slice(0, pools.size - cap);
  for (const [id, e] of oldest) {
    pools.delete(id);
    void e.pool.end().catch(() => undefined);
  }
}

// One creation per tenant at a time: concurrent first calls share it.
const creating = new Map<string, Promise<pg.Pool>>();

async function poolFor(tenantId: string): Promise<pg.Pool> {
  const found = pools.get(tenantId);
  if (found) {
    found.lastUsed = Date.now();
    return found.pool;
  }
  let p = creating.get(tenantId);
  if (!p) {
    p = createPool(tenantId).finally(() => creating.delete(tenantId));
    creating.set(tenantId, p);
  }
  const pool = await p;
  if (!pools.has(tenantId)) {
    pools.set(tenantId, { pool, lastUsed: Date.now() });
    evictBeyondCap();
  }
  return pools.get(tenantId)?.pool ?? pool;
}

// 28P01 invalid_password, 28000 invalid_authorization (role gone or NOLOGIN): the pool's login is stale.
const isStaleLogin = (err: unknown) => ["28P01", "28000"].includes((err as { code?: string } | null)?.code ?? "");

/** A connection logged in as the tenant's owner role; a stale login (password reset elsewhere) is retried once with fresh credentials. */
export async function connectTenant(tenantId: string): Promise<pg.PoolClient> {
  const pool = await poolFor(tenantId);
  try {
    return await pool.connect();
  } catch (err) {
    if (!isStaleLogin(err)) throw err;
    await closeTenantPool(tenantId);
    return (await poolFor(tenantId)).connect();
  }
}

/** Ends the tenant's pool (purge, tests); the next call opens a new one. */
export async function closeTenantPool(tenantId: string): Promise<void> {
  const e = pools.get(tenantId);
  pools.delete(tenantId);
  await e?.pool.end().catch(() => undefined);
}

export async function closeTenantPools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((e) => e.pool.end().catch(() => undefined)));
}
