import type PgBoss from "pg-boss";
import { runTrialJob } from "@/lib/billing/subscriptions/run-trial-job";
import { log } from "@/lib/observability/logger";

export const TRIAL_QUEUE = "atrium-trials";

/**
 * Trials (lib/jobs/start-jobs.ts): reminders and trial ends. Scheduled hourly
 * rather than daily, so a trial ends within the hour of its end and the
 * 1-day reminder arrives about a day ahead; each reminder goes once however
 * often it runs. "stately" keeps runs from piling up.
 */
export async function startTrialJobs(boss: PgBoss): Promise<void> {
  await boss.createQueue(TRIAL_QUEUE, { name: TRIAL_QUEUE, policy: "stately" });
  await boss.schedule(TRIAL_QUEUE, "5 * * * *");
  await boss.work(TRIAL_QUEUE, async () => {
    const r = await runTrialJob();
    if (r.reminders || r.ended.length || r.failed.length) log.info({ component: "jobs", task: "trials", reminders: r.reminders, ended: r.ended.length, failed: r.failed.length }, "trials processed");
  });
}
