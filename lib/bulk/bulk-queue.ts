import type PgBoss from "pg-boss";

/** pg-boss queue of bulk operations (lib/bulk/bulk-jobs.ts works it; its minute schedule resumes operations a dead worker left). */
export const BULK_OPERATION_QUEUE = "atrium-bulk-operations";

/**
 * Wakes the job worker for a new operation when this process runs the jobs;
 * otherwise (tests, scripts) the minute schedule of whichever instance runs
 * them picks it up.
 */
export async function enqueueBulkOperation(operationId: string): Promise<boolean> {
  const boss = (globalThis as unknown as { __atriumBoss?: Promise<PgBoss> }).__atriumBoss;
  if (!boss) return false;
  await (await boss).send(BULK_OPERATION_QUEUE, { operation_id: operationId });
  return true;
}
