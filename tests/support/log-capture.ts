import { log } from "@/lib/observability/logger";

const globals = globalThis as unknown as { __atriumLogCapture?: { write(line: string): void } };

/**
 * Reads what the process's logger writes (lib/observability/logger.ts's test seam) instead of
 * stdout, from `level` up, until stop(). `lines` are the parsed JSON lines.
 */
export function captureLogs(level = "info"): { lines: Record<string, unknown>[]; raw: () => string; clear(): void; stop(): void } {
  const raw: string[] = [];
  const levelBefore = log.level;
  globals.__atriumLogCapture = { write: (line) => void raw.push(line) };
  log.level = level;
  return {
    get lines() {
      return raw.map((l) => JSON.parse(l) as Record<string, unknown>);
    },
    raw: () => raw.join(""),
    clear: () => void raw.splice(0),
    stop() {
      delete globals.__atriumLogCapture;
      log.level = levelBefore;
    },
  };
}
