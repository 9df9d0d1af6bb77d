import { spawn } from "node:child_process";
import type { Database } from "./database";

/**
 * Runs Atrium's server (scripts/server.ts: Next in dev or production mode
 * behind node:http) with Atrium's environment and ties its life to the
 * database's: Ctrl-C drains the server, and when the server exits the database stops too.
 */
export function runNext(mode: "dev" | "start", opts: { port: string; database: Database; env: Record<string, string> }): void {
  const next = spawn(process.execPath, ["--import", "tsx", "scripts/server.ts", mode, "-p", opts.port], {
    stdio: "inherit",
    env: {
      ...process.env,
      DATABASE_URL: opts.database.url,
      APP_ROOT_DOMAIN: process.env.APP_ROOT_DOMAIN ?? `localhost:${opts.port}`,
      NEXT_TELEMETRY_DISABLED: "1",
      ...opts.env,
    },
  });
  // The server drains first (lib/server/graceful-shutdown.ts) while its database is still up; its exit stops
  // the database. A second Ctrl-C does not wait for the drain.
  let stopping = false;
  const stop = () => {
    next.kill(stopping ? "SIGKILL" : "SIGTERM");
    stopping = true;
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  next.on("exit", async (code) => {
    await opts.database.stop();
    process.exit(code ?? 1);
  });
}
