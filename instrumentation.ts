// Next calls register() once per server process: the place to start the job worker.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.ATRIUM_JOBS === "off" || !process.env.DATABASE_URL) return;
  const { startJobs } = await import("@/lib/jobs/start-jobs");
  const { log } = await import("@/lib/observability/logger");
  await startJobs().catch((err) => log.error({ component: "jobs", err }, "could not start the job worker"));
}
