import type { Client, PoolClient } from "pg";
import { readPool } from "@/lib/db/pools";
import { PLATFORM_ROLE } from "@/lib/db/scope";
import type { SqlQuery } from "@/lib/db/sql-scope";

/**
 * withTenantSql / withPlatformSql for read-only work on the hot path (one
 * tenant, the tenant list): the same transaction-local scope on the same
 * atrium_app role, so RLS applies as everywhere, but on the pipelined pool.
 * `BEGIN READ ONLY`, the scope and every statement `fn` sends before it first
 * waits go out together and come back in one round trip; statements that
 * depend on earlier answers (the list's usage after its page) cost one more;
 * COMMIT one more. Queries `fn` sends at the same time must not depend on each
 * other. A failing statement aborts the transaction (the ones after it fail
 * too) and the whole read is rolled back.
 */
export function readInTenantScope<T>(tenantId: string, fn: (q: SqlQuery) => Promise<T>): Promise<T> {
  return pipelinedRead({ text: "SELECT set_config('app.tenant_id', $1, true)", values: [tenantId] }, fn);
}

/** readInTenantScope across tenants: the atrium_platform role for the transaction (only for callers authorised as staff). */
export function readInPlatformScope<T>(fn: (q: SqlQuery) => Promise<T>): Promise<T> {
  return pipelinedRead({ text: `SET LOCAL ROLE ${PLATFORM_ROLE}` }, fn);
}

/**
 * Statements sent in the same tick leave in one write: the socket is corked at
 * the first and uncorked once the tick's code has run. A read's seven
 * statements were seven write syscalls, which showed as the largest single
 * cost of a GET /tenants/{id} in its CPU profile.
 */
export function batchedWrites(client: PoolClient): () => void {
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

async function pipelinedRead<T>(enter: { text: string; values?: unknown[] }, fn: (q: SqlQuery) => Promise<T>): Promise<T> {
  const client: PoolClient = await readPool().connect();
  const batch = batchedWrites(client);
  const send = (text: string, values?: unknown[]) => {
    batch();
    return client.query(text, values);
  };
  let broken: Error | undefined;
  try {
    const opened = Promise.all([send("BEGIN READ ONLY"), send(enter.text, enter.values)]);
    const result = fn(async (text, values) => (await send(text, values)).rows);
    // If the scope failed, `fn`'s statements failed with it: its rejection is this one's consequence, not a second error.
    result.catch(() => undefined);
    await opened;
    const value = await result;
    await send("COMMIT");
    return value;
  } catch (err) {
    await send("ROLLBACK").catch((e: Error) => (broken = e));
    throw err;
  } finally {
    // A connection that could not even roll back is dropped, not reused.
    client.release(broken);
  }
}
