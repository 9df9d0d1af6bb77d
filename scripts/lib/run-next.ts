import { spawn } from "node:child_process";
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";
import type { Database } from "./database";

/**
 * Runs Atrium's server (scripts/server.ts: Next in dev or production mode
 * behind node:http) with Atrium's environment and ties its life to the
 * database's: Ctrl-C drains the server, and when the server exits the database stops too.
 * With `logFile`, everything the server writes is also kept there (the e2e run's
 * log, which scripts/check-logs-for-secrets.ts reads).
 */
export function runNext(mode: "dev" | "start", opts: { port: string; database: Database; env: Record<string, string>; logFile?: string }): void {
  const next = spawn(process.execPath, ["--import", "tsx", "scripts/server.ts", mode, "-p", opts.port], {
    stdio: opts.logFile ? ["inherit", "pipe", "pipe"] : "inherit",
    env: {
      ...process.env,
      DATABASE_URL: opts.database.url,
      APP_ROOT_DOMAIN: process.env.APP_ROOT_DOMAIN ?? `localhost:${opts.port}`,
      NEXT_TELEMETRY_DISABLED: "1",
      ...opts.env,
    },
  });
  const closeLog = opts.logFile ? teeOutput(next.stdout!, next.stderr!, opts.logFile) : () => undefined;
  // The server drains first (lib/server/graceful-shutdown.ts) while its database is still up; its exit stops
  // the database and closes the log. A second Ctrl-C does not wait for the drain.
  let stopping = false;
  const stop = () => {
    next.kill(stopping ? "SIGKILL" : "SIGTERM");
    stopping = true;
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  next.on("exit", async (code) => {
    await opts.database.stop();
    closeLog();
    process.exit(code ?? 1);
  });
}

/**
 * Copies the server's stdout and stderr to ours and, synchronously (nothing is
 * lost when we exit right after), to `file`. The server logs JSON lines to
 * stdout; its `error`/`fatal` lines are repeated on stderr, where they were
 * before the structured logs, so a runner that shows only stderr (Playwright's
 * webServer) still shows them.
 */
function teeOutput(stdout: Readable, stderr: Readable, file: string): () => void {
  mkdirSync(path.dirname(file), { recursive: true });
  const fd = openSync(file, "w");
  let open = true;
  let pending = "";
  stdout.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (open) writeSync(fd, chunk);
    pending += chunk.toString("utf8");
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) if (/^\{"level":"(error|fatal)"/.test(line)) process.stderr.write(`${line}\n`);
  });
  stderr.on("data", (chunk: Buffer) => {
    process.stderr.write(chunk);
    if (open) writeSync(fd, chunk);
  });
  return () => {
    if (!open) return;
    open = false;
    closeSync(fd);
  };
}
