import { appPool } from "@/lib/db/pools";
import { retryOnConflict } from "@/lib/db/retry-on-conflict";

/** A parameterised query on one connection, answering its rows. */
export type SqlQuery = <R extends Record<string, unknown> = Record<string, unknown>>(text: string, values?: unknown[]) => Promise<R[]>;

/**
 * withTenantScope without the ORM, for the hottest reads: the same
 * transaction (BEGIN; set_config('app.tenant_id', …, true); queries; COMMIT)
 * on the same RLS-bound pool, minus Prisma's per-query work, and the same
 * rerun of a transaction that lost a deadlock or serialisation conflict.
 */
export function withTenantSql<T>(tenantId: string, fn: (q: SqlQuery) => Promise<T>): Promise<T> {
  return retryOnConflict(async () => {
    const client = await appPool().connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT set_config('app.tenant_id', $1, true)", [tenantId]);
      const result = await fn(async (text, values) => (await client.query(text, values)).rows);
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
