import { maintainUsageStorage } from "@/lib/usage/maintain-usage-storage";
import { sampleUsageGauges } from "@/lib/usage/sample-usage-gauges";
import { log } from "@/lib/observability/logger";

/**
 * The atrium-usage job (every 5 minutes, lib/jobs/start-jobs.ts): partitions
 * first (so the samples' day exists), then the gauges. Each on its own, so one
 * failing never starves the other.
 */
export async function runUsageJob(now = new Date()) {
  const storage = await maintainUsageStorage(now).catch((err: unknown) => {
    log.error({ component: "jobs", err }, "usage partitions failed");
    return { created: 0, droppedPartitions: [] as string[], keysPruned: 0, hourlyPruned: 0, usersPruned: 0 };
  });
  const sampled = await sampleUsageGauges(now).catch((err: unknown) => {
    log.error({ component: "jobs", err }, "usage sampling failed");
    return { tenants: 0, accepted: 0 };
  });
  return { ...storage, sampled };
}
