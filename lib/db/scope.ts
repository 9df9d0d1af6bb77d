import { db, type Tx } from "@/lib/db/prisma";

/**
 * Runs `fn` in a transaction whose tenant is `tenantId`. set_config(..., true)
 * is transaction-local, so a pooled connection never carries it to the next
 * request. RLS then hides every other tenant's rows even if a query forgets
 * its `where tenantId`.
 */
export function withTenantScope<T>(tenantId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('app.tenant_id', ${tenantId}, true)`;
    return fn(tx);
  });
}

/**
 * Runs `fn` in a transaction that may see every tenant's rows. Only for callers
 * already authorised as platform staff (or the system's own jobs).
 */
export function withPlatformScope<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('app.platform_scope', 'on', true)`;
    return fn(tx);
  });
}
