import { readFileSync } from "node:fs";
import type { Instance } from "../../../scripts/lib/cluster";

/** This run's part of an instance's log (the file is appended to each time the instance starts). */
export const currentLog = (instance: Instance) => readFileSync(instance.logFile, "utf8").split(/^--- .* started /m).at(-1)!;

/** This run's structured log lines (lib/observability/logger.ts) of the job worker (component "jobs"). */
export function jobLines(instance: Instance): { level: string; msg: string; task?: string; instance?: string; purged?: number; rolled_back?: number }[] {
  return currentLog(instance)
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as { level: string; msg: string; component?: string })
    .filter((l) => l.component === "jobs");
}

/** Waits until the instance's job worker has started (lib/jobs/start-jobs.ts logs it); throws if it could not. */
export async function workerStarted(instance: Instance, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const lines = jobLines(instance);
    const failed = lines.find((l) => l.level === "error" && l.msg === "could not start the job worker");
    if (failed) throw new Error(`instance ${instance.name}'s job worker did not start: ${JSON.stringify(failed)}`);
    if (lines.some((l) => l.msg === "job worker started")) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`instance ${instance.name}'s job worker had not started after ${timeoutMs / 1000} s`);
}
