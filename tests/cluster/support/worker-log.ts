import { readFileSync } from "node:fs";
import type { Instance } from "../../../scripts/lib/cluster";

/** This run's part of an instance's log (the file is appended to each time the instance starts). */
export const currentLog = (instance: Instance) => readFileSync(instance.logFile, "utf8").split(/^--- .* started /m).at(-1)!;

/** Waits until the instance's job worker has started (lib/jobs/start-jobs.ts logs it); throws if it could not. */
export async function workerStarted(instance: Instance, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const log = currentLog(instance);
    if (log.includes("[jobs] could not start")) throw new Error(`instance ${instance.name}'s job worker did not start: ${log.split("\n").find((l) => l.includes("could not start"))}`);
    if (log.includes("[jobs] worker started")) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`instance ${instance.name}'s job worker had not started after ${timeoutMs / 1000} s`);
}
