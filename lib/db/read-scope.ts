import type { Client, Pool, PoolClient } from "pg";
import { readPool } from "@/lib/db/pools";
import { PLATFORM_ROLE } from "@/lib/db/scope";
import type { SqlQuery } from "@/lib/db/sql-scope";

/**
 * withTenantSql / withPlatformSql for read-only work on the hot path (one
 * tenant, the tenant list): the same transaction-local scope on the same
 * atrium_app role, so RLS applies as everywhere, but on the pipelined pool.
 * `BEGIN READ ONLY`, the scope and every statement `fn` sends before it first
 * waits go out together, in one write, and come back in one round trip;
 * statements that depend on earlier answers (the list's usage after its page)
 * cost one more. `fn` calls `finish()` once it has sent its last statement:
 * COMMIT then leaves with them (a read-only transaction's COMMIT depends on
 * nothing they answer; after a failed statement it is a rollback), and any
 * later statement is refused rather than run outside the transaction. Without
 * finish(), COMMIT follows once `fn` is done. Queries `fn` sends at the same
 * time must not depend on each other. A failing statement aborts the
 * transaction (the ones after it fail too) and the read throws.
 */
export type ReadFn<T> = (q: SqlQuery, finish: () => void) => Promise<T>;

export function readInTenantScope<T>(tenantId: string, fn: ReadFn<T>): Promise<T> {
  return pipelinedRead(readPool(), { text: "SELECT set_config('app.tenant_id', $1, true)", values: [tenantId] }, fn);
}

/** readInTenantScope across tenants: the atrium_platform role for the transaction (only for callers authorised as staff). */
export function readInPlatformScope<T>(fn: ReadFn<T>): Promise<T> {
  return pipelinedRead(readPool(), { text: `SET LOCAL ROLE ${PLATFORM_ROLE}` }, fn);
}

/**
 * Statements sent in the same tick leave in one write: the socket is corked at
 * the first and uncorked once the tick's code has run. A read's seven
 * statements were seven write syscalls, which showed as the largest single
 * cost of a GET /tenants/{id} in its CPU profile.
 */
function batchedWrites(client: PoolClient): () => void {
  const socket = (client as unknown as Client).connection.stream;
  let corked = false;
  return () => {
    if (corked) return;
    corked = true;
    socket.cork();
    process.nextTick(() => {
      corked = false;
      socket.uncork();
    });
  };
}

/** The transaction itself, on `pool` (a pipelined one: readPool, or the bench floor's own). */
export async function pipelinedRead<T>(pool: Pool, enter: { text: string; values?: unknown[] }, fn: ReadFn<T>): Promise<T> {
  const client: PoolClient = await pool.connect();
  const batch = batchedWrites(client);
  const send = (text: string, values?: unknown[]) => {
    batch();
    return client.query(text, values);
  };
  let committed: Promise<unknown> | null = null;
  const finish = () => {
    committed ??= send("COMMIT");
    committed.catch(() => undefined);
  };
  const q: SqlQuery = async (text, values) => {
    if (committed) throw new Error("read-scope: a statement after finish() would run outside the transaction");
    return (await send(text, values)).rows;
  };
  let broken: Error | undefined;
  try {
    const opened = Promise.all([send("BEGIN READ ONLY"), send(enter.text, enter.values)]);
    const result = fn(q, finish);
    // If the scope failed, `fn`'s statements failed with it: its rejection is this one's consequence, not a second error.
    result.catch(() => undefined);
    await opened;
    const value = await result;
    await (committed ?? send("COMMIT"));
    return value;
  } catch (err) {
    await send("ROLLBACK").catch((e: Error) => (broken = e));
    throw err;
  } finally {
    // A connection that could not even roll back is dropped, not reused.
    client.release(broken);
  }
}
