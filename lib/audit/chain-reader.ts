import type pg from "pg";
import { appPool } from "@/lib/db/pools";
import { PLATFORM_ROLE } from "@/lib/db/scope";

/**
 * One read-only REPEATABLE READ transaction on the RLS-bound pool, in the
 * chain's own scope (its tenant, or platform scope for the platform chain):
 * a long walk over a chain sees one snapshot — head, checkpoint and rows
 * agree even while writers append or the pruner cuts.
 */
export async function withChainSnapshot<T>(tenantId: string | null, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await appPool().connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    if (tenantId === null) await client.query(`SET LOCAL ROLE ${PLATFORM_ROLE}`);
    else await client.query("SELECT set_config('app.tenant_id', $1, true)", [tenantId]);
    const result = await fn(client);
    await client.query("COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
