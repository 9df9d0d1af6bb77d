import type PgBoss from "pg-boss";
import { FLEET_MIGRATION_QUEUE } from "@/lib/tenant-migrations/fleet-queue";
import { processFleetRun, resumeFleetRuns } from "@/lib/tenant-migrations/process-fleet-run";

/**
 * The fleet migration queue (lib/jobs/start-jobs.ts): a new run is sent here
 * at once; the minute schedule resumes any run a dead worker left. A long run
 * outlives pg-boss's default 15-minute expiry; the items' leases, not the
 * job, guard against double work. "stately": one job active and one waiting
 * at most, so minute sweeps do not pile up behind a long run; every job ends
 * with a sweep, so a run whose own job was dropped as a duplicate is still worked.
 */
export async function startFleetMigrationJobs(boss: PgBoss, opts: { schedule?: boolean } = {}): Promise<void> {
  await boss.createQueue(FLEET_MIGRATION_QUEUE, { name: FLEET_MIGRATION_QUEUE, policy: "stately", expireInSeconds: 6 * 3600 });
  if (opts.schedule ?? true) await boss.schedule(FLEET_MIGRATION_QUEUE, "* * * * *");
  await boss.work<{ run_id?: string }>(FLEET_MIGRATION_QUEUE, async ([job]) => {
    if (job?.data?.run_id) await processFleetRun(job.data.run_id);
    await resumeFleetRuns();
  });
}
