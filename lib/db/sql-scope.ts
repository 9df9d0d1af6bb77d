import type { PoolClient } from "pg";
import { appPool } from "@/lib/db/pools";
import { retryOnConflict } from "@/lib/db/retry-on-conflict";
import { PLATFORM_ROLE } from "@/lib/db/scope";

/** A parameterised query on one connection, answering its rows. */
export type SqlQuery = <R extends Record<string, unknown> = Record<string, unknown>>(text: string, values?: unknown[]) => Promise<R[]>;

/**
 * withTenantScope without the ORM, for the hottest reads: the same
 * transaction (BEGIN; set_config('app.tenant_id', …, true); queries; COMMIT)
 * on the same RLS-bound pool, minus Prisma's per-query work, and the same
 * rerun of a transaction that lost a deadlock or serialisation conflict.
 */
export function withTenantSql<T>(tenantId: string, fn: (q: SqlQuery, client: PoolClient) => Promise<T>): Promise<T> {
  return inSqlTransaction((c) => c.query("SELECT set_config('app.tenant_id', $1, true)", [tenantId]), fn);
}

/** withPlatformScope without the ORM: the same SET LOCAL ROLE, ending with the transaction. */
export function withPlatformSql<T>(fn: (q: SqlQuery, client: PoolClient) => Promise<T>): Promise<T> {
  return inSqlTransaction((c) => c.query(`SET LOCAL ROLE ${PLATFORM_ROLE}`), fn);
}

/** `client` is the transaction's connection, for the rare caller that needs more than `q` (a named prepared statement). */
function inSqlTransaction<T>(enter: (client: PoolClient) => Promise<unknown>, fn: (q: SqlQuery, client: PoolClient) => Promise<T>): Promise<T> {
  return retryOnConflict(async () => {
    const client = await appPool().connect();
    try {
      await client.query("BEGIN");
      await enter(client);
      const result = await fn(async (text, values) => (await client.query(text, values)).rows, client);
      await client.query("COMMIT");
      return result;
    } catch (err) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  });
}
