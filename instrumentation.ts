// Next calls register() once per server process: the place to start tracing and the job worker.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Tracing first: its pg instrumentation must be in place before pg-boss or the pools load `pg`.
  const { env } = await import("@/lib/env");
  if (env.otlpEndpoint) {
    const { startTracing } = await import("@/lib/observability/tracing/start-tracing");
    try {
      startTracing();
    } catch (err) {
      const { log } = await import("@/lib/observability/logger");
      log.error({ component: "tracing", err }, "tracing could not start");
    }
  }
  if (process.env.ATRIUM_JOBS === "off" || !process.env.DATABASE_URL) return;
  const { startJobs } = await import("@/lib/jobs/start-jobs");
  const { log } = await import("@/lib/observability/logger");
  // Not awaited: Next holds every request until register() returns, and the worker's setup (taken in turns by
  // instances starting together, lib/jobs/jobs-setup-lock.ts) has nothing to do with serving them.
  void startJobs().catch((err) => log.error({ component: "jobs", err }, "could not start the job worker"));
}
