import type PgBoss from "pg-boss";
import { closePools } from "@/lib/db/pools";
import type { ShutdownStep } from "@/lib/server/graceful-shutdown";

// What instrumentation.ts started in this process, read from globalThis (lib/jobs/start-jobs.ts,
// lib/usage/api-call-meter.ts) so the server script need not load the job modules itself.
const globals = globalThis as unknown as {
  __atriumBoss?: Promise<PgBoss>;
  __atriumWebhooks?: { stop(): Promise<void> };
  __atriumApiCallMeter?: { flush(): Promise<void> };
  __atriumTracing?: { shutdown(): Promise<void> };
};

/**
 * The background work a web process runs, as shutdown steps. pg-boss stops
 * fetching at once and waits for its handlers: a job that finishes in time is
 * completed; one still running at the timeout is failed back by pg-boss
 * ("pg-boss shut down while active") and retried by another instance while it
 * has retries left. Fleet-migration and bulk-operation handlers take no new
 * tenant once draining (lib/server/draining.ts); an item cut off mid-way keeps
 * its lease until it expires, then another instance's minute sweep takes it.
 * Webhook attempts under way finish; due messages wait for another worker.
 */
export function backgroundStopSteps(): { stopWork: ShutdownStep[]; cleanup: ShutdownStep[] } {
  return {
    stopWork: [
      {
        name: "pg-boss worker",
        run: async (msLeft) => {
          const boss = await globals.__atriumBoss?.catch(() => undefined);
          if (!boss) return;
          const timeout = Math.max(1_000, msLeft - 1_000);
          const started = Date.now();
          await boss.stop({ graceful: true, wait: true, close: true, timeout });
          // stop() waits up to `timeout` for handlers, then fails the rest back to the queue.
          return Date.now() - started >= timeout ? "cut" : undefined;
        },
      },
      { name: "webhook worker", run: async () => globals.__atriumWebhooks?.stop() },
    ],
    cleanup: [
      { name: "API-call meter flush", run: async () => globals.__atriumApiCallMeter?.flush() },
      // Spans batch for about a second (lib/observability/tracing): the last batch goes out before the process does.
      { name: "trace export", run: async () => globals.__atriumTracing?.shutdown() },
      { name: "database pools", run: () => closePools() },
    ],
  };
}
