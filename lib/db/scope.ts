import { db, type Tx } from "@/lib/db/prisma";
import { retryOnConflict } from "@/lib/db/retry-on-conflict";

/** The NOLOGIN role that RLS policies let see every tenant's rows (prisma/migrations/20261204010000_platform_role). */
export const PLATFORM_ROLE = "atrium_platform";

export type ScopeOptions = {
  /** Prisma's interactive-transaction limits, for transactions that wait on something slow. */
  maxWait?: number;
  timeout?: number;
  /**
   * A transaction that lost a deadlock or a serialisation conflict runs again
   * from the start (lib/db/retry-on-conflict.ts). `fn` may therefore run more
   * than once: effects outside the database belong after the scope returns.
   * false for the rare `fn` that cannot help doing something outside it (sending mail).
   */
  retry?: boolean;
};

function inTransaction<T>(enter: (tx: Tx) => Promise<unknown>, fn: (tx: Tx) => Promise<T>, opts: ScopeOptions): Promise<T> {
  const { retry = true, ...limits } = opts;
  const once = () =>
    db().$transaction(async (tx) => {
      await enter(tx);
      return fn(tx);
    }, limits);
  return retry ? retryOnConflict(once) : once();
}

/**
 * Runs `fn` in a transaction whose tenant is `tenantId`. set_config(..., true)
 * is transaction-local, so a pooled connection never carries it to the next
 * request. RLS then hides every other tenant's rows even if a query forgets
 * its `where tenantId`.
 */
export function withTenantScope<T>(tenantId: string, fn: (tx: Tx) => Promise<T>, opts: ScopeOptions = {}): Promise<T> {
  return inTransaction((tx) => tx.$executeRaw`SELECT set_config('app.tenant_id', ${tenantId}, true)`, fn, opts);
}

/**
 * Runs `fn` in a transaction that may see every tenant's rows. Only for callers
 * already authorised as platform staff (or the system's own jobs). Seeing
 * across tenants takes the atrium_platform role, not a setting: SET LOCAL ROLE
 * ends with the transaction, so the pooled connection is atrium_app again.
 */
export function withPlatformScope<T>(fn: (tx: Tx) => Promise<T>, opts: ScopeOptions = {}): Promise<T> {
  return inTransaction((tx) => tx.$executeRawUnsafe(`SET LOCAL ROLE ${PLATFORM_ROLE}`), fn, opts);
}
