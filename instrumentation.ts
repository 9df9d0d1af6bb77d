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
      console.error("[tracing] could not start:", (err as Error).message);
    }
  }
  if (process.env.ATRIUM_JOBS === "off" || !process.env.DATABASE_URL) return;
  const { startJobs } = await import("@/lib/jobs/start-jobs");
  await startJobs().catch((err) => console.error("[jobs] could not start:", (err as Error).message));
}
