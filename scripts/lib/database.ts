import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { embeddedPostgresBlocker } from "@/lib/db/postgres-user-access";

export type Database = { url: string; embedded: boolean; stop: () => Promise<void> };

export const DEV_DB = { dir: ".data/pg-dev", port: 54329, database: "atrium" };
// TEST_PG_PORT lets several Vitest runs share one checkout (each gets its own data dir).
const testPort = Number(process.env.TEST_PG_PORT ?? 54339);
export const TEST_DB = { dir: testPort === 54339 ? ".data/pg-test" : `.data/pg-test-${testPort}`, port: testPort, database: "atrium_test" };

/**
 * DATABASE_URL when set; otherwise an embedded PostgreSQL in a child process
 * (scripts/db-server.ts) that is stopped with us.
 */
export async function openDatabase(cfg: { dir: string; port: number; database: string; fresh?: boolean } = DEV_DB): Promise<Database> {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, embedded: false, stop: async () => undefined };
  }
  const blocker = embeddedPostgresBlocker(cfg.dir);
  if (blocker) {
    // One sentence and out: the stack trace of a failed spawn explains nothing.
    console.error(blocker);
    process.exit(1);
  }
  // node itself (not the tsx wrapper) so the server's parent is us and it can tell when we are gone.
  const args = ["--import", "tsx", path.join(process.cwd(), "scripts", "db-server.ts"), "--dir", cfg.dir, "--port", String(cfg.port), "--database", cfg.database, "--parent-pid", String(process.pid)];
  if (cfg.fresh) args.push("--fresh");
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    let buf = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      buf += chunk.toString();
      const m = buf.match(/DATABASE_URL=(\S+)/);
      if (m) resolve(m[1]);
    });
    child.on("exit", (code) => reject(new Error(`embedded PostgreSQL exited with code ${code} before it was ready`)));
  });
  return {
    url,
    embedded: true,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
