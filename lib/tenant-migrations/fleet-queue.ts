import type PgBoss from "pg-boss";

/** pg-boss queue of fleet migration runs (lib/jobs/start-jobs.ts works it; its minute schedule resumes runs a dead worker left). */
export const FLEET_MIGRATION_QUEUE = "atrium-tenant-migrations";

/**
 * Wakes the job worker for a new run when this process runs one; otherwise
 * (tests, scripts) the minute schedule of whichever instance runs the jobs
 * picks it up.
 */
export async function enqueueFleetRun(runId: string): Promise<boolean> {
  const boss = (globalThis as unknown as { __atriumBoss?: Promise<PgBoss> }).__atriumBoss;
  if (!boss) return false;
  await (await boss).send(FLEET_MIGRATION_QUEUE, { run_id: runId }, { singletonKey: runId });
  return true;
}
