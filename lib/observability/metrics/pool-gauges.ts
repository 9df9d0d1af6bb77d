import type pg from "pg";
import { Gauge, type Registry } from "prom-client";

type PoolLike = Pick<pg.Pool, "totalCount" | "idleCount" | "waitingCount"> & { options?: { max?: number } };

/**
 * The process's pools as they are now, read from the globals lib/db/pools.ts and
 * lib/dataplane/tenant-pools.ts keep, without creating a pool that does not
 * exist yet. The data plane's per-tenant pools are summed into one "dataplane".
 */
function currentPools(): Array<[string, PoolLike[]]> {
  const g = globalThis as unknown as { __atriumAppPool?: PoolLike; __atriumOwnerPool?: PoolLike; __atriumReadPool?: PoolLike; __atriumTenantPools?: Map<string, { pool: PoolLike }> };
  const tenant = [...(g.__atriumTenantPools?.values() ?? [])].map((e) => e.pool);
  return [
    ["app", g.__atriumAppPool ? [g.__atriumAppPool] : []],
    ["owner", g.__atriumOwnerPool ? [g.__atriumOwnerPool] : []],
    // The pipelined hot-read pool (lib/db/read-scope.ts).
    ["read", g.__atriumReadPool ? [g.__atriumReadPool] : []],
    ["dataplane", tenant],
  ];
}

const sum = (pools: PoolLike[], f: (p: PoolLike) => number) => pools.reduce((n, p) => n + f(p), 0);

/** In-process gauges, read at scrape time: free, so not cached. */
export function definePoolGauges(registry: Registry): void {
  const gauge = (name: string, help: string, read: (p: PoolLike) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ["pool"],
      registers: [registry],
      collect() {
        for (const [pool, pools] of currentPools()) this.set({ pool }, sum(pools, read));
      },
    });
  gauge("atrium_db_pool_connections", "Open connections of this process's PostgreSQL pools (app, owner, read, dataplane summed over tenant pools)", (p) => p.totalCount);
  gauge("atrium_db_pool_idle_connections", "Idle connections of this process's PostgreSQL pools", (p) => p.idleCount);
  gauge("atrium_db_pool_waiting_clients", "Queries waiting for a free connection in this process's PostgreSQL pools", (p) => p.waitingCount);
  gauge("atrium_db_pool_max_connections", "Configured size of this process's PostgreSQL pools (summed over tenant pools)", (p) => p.options?.max ?? 0);
  new Gauge({
    name: "atrium_dataplane_pools",
    help: "Per-tenant data-plane pools open in this process",
    registers: [registry],
    collect() {
      this.set(currentPools().find(([name]) => name === "dataplane")![1].length);
    },
  });
}
