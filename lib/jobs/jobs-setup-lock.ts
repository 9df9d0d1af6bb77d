import pg from "pg";
import { env } from "@/lib/env";

/** Arbitrary, Atrium's own: the key of the session advisory lock around the worker's setup. */
const JOBS_SETUP_LOCK = 727275;

/**
 * Runs the worker's setup (pg-boss start, createQueue, schedule) while holding a
 * PostgreSQL advisory lock, so instances starting at once take turns. pg-boss
 * serialises its own schema migration but not createQueue: two processes
 * creating queues at the same moment (each queue is a partition attached to
 * pgboss.job, with foreign keys to pgboss.queue) deadlock, and the loser's
 * worker never starts.
 */
export async function withJobsSetupLock<T>(setUp: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: env.databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [JOBS_SETUP_LOCK]);
    return await setUp();
  } finally {
    // Ending the session releases the lock too, also when the unlock itself fails.
    await client.query("SELECT pg_advisory_unlock($1)", [JOBS_SETUP_LOCK]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}
