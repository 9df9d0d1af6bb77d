import type PgBoss from "pg-boss";
import { BULK_OPERATION_QUEUE } from "@/lib/bulk/bulk-queue";
import { processBulkOperation, resumeBulkOperations } from "@/lib/bulk/process-bulk-operation";

/**
 * The bulk operation queue (lib/jobs/start-jobs.ts), shaped like the fleet
 * migration queue: a new operation is sent at once; the minute schedule
 * resumes any a dead worker left. "stately" keeps sweeps from piling up
 * behind a long operation; each job ends with a sweep, so an operation whose
 * own job was dropped as a duplicate is still worked.
 */
export async function startBulkOperationJobs(boss: PgBoss, opts: { schedule?: boolean } = {}): Promise<void> {
  await boss.createQueue(BULK_OPERATION_QUEUE, { name: BULK_OPERATION_QUEUE, policy: "stately", expireInSeconds: 6 * 3600 });
  if (opts.schedule ?? true) await boss.schedule(BULK_OPERATION_QUEUE, "* * * * *");
  await boss.work<{ operation_id?: string }>(BULK_OPERATION_QUEUE, async ([job]) => {
    if (job?.data?.operation_id) await processBulkOperation(job.data.operation_id);
    await resumeBulkOperations();
  });
}
