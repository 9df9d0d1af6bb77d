// Runs an embedded PostgreSQL as its own process, so whoever needs a database
// (npm run dev, the test runner, Playwright's web server) can start and stop it
// without orphaning postgres if they die. Prints `DATABASE_URL=…` when ready and
// stops the server on SIGINT/SIGTERM or when its parent goes away.
import { startEmbeddedPostgres } from "@/lib/db/embedded";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const db = await startEmbeddedPostgres({
  dir: arg("dir", ".data/pg-dev"),
  port: Number(arg("port", "54329")),
  database: arg("database", "atrium"),
  fresh: process.argv.includes("--fresh"),
  log: (m) => process.stderr.write(`[postgres] ${m}\n`),
});
process.stdout.write(`DATABASE_URL=${db.url}\n`);

let stopping = false;
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await db.stop().catch(() => undefined);
  process.exit(0);
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
process.on("disconnect", shutdown);
// A parent killed with -9 cannot tell us; poll for it instead.
const parent = Number(arg("parent-pid", String(process.ppid)));
setInterval(() => {
  try {
    process.kill(parent, 0);
  } catch {
    void shutdown();
  }
}, 1000).unref();
setInterval(() => undefined, 1 << 30);
