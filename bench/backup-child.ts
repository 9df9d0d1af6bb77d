// One backup or restore in its own process, so its peak RSS (VmHWM) is its
// own: run by bench/backup.ts. argv: backup <tenant id> <options JSON> |
// restore <tenant id> <backup id> <target schema> | floor-to <schema> <dir> | floor-from <schema> <dir>.
// Prints one JSON line.
import { createReadStream, createWriteStream } from "node:fs";
import { readFileSync } from "node:fs";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { systemCaller } from "@/lib/auth/caller";

const TABLES = ["users", "documents", "activity_log"];
const peakRssMb = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"))![1]) / 1024;
const q = (s: string) => `"${s.replace(/"/g, '""')}"`;

const [mode, a, b, c] = process.argv.slice(2);
// Modules load before the clock starts (tsx transpiles them on first import); the floor's load at the top.
const { backupTenantNow } = await import("@/lib/backups/backup-tenant-now");
const { startRestore } = await import("@/lib/backups/start-restore");
const { runRestore } = await import("@/lib/backups/run-restore");
const { withPlatformScope } = await import("@/lib/db/scope");
const { closePools } = await import("@/lib/db/pools");
// One control-plane query first: Prisma's query compiler (WebAssembly) allocates its memory on first use, and every job makes one.
await withPlatformScope((tx) => tx.tenant.count());
const baselineRssMb = Math.round((Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"))![1]) / 1024) * 10) / 10;
const started = performance.now();
let extra: Record<string, unknown> = { baseline_rss_mb: baselineRssMb };
if (mode === "backup") {
  const r = await backupTenantNow(systemCaller("bench"), a, JSON.parse(b));
  extra = { ...extra, ...r };
} else if (mode === "restore") {
  const { restore } = await startRestore(systemCaller("bench"), a, { backup_id: b, target_schema: c }, { enqueue: false });
  const status = await runRestore(restore.restore_id);
  // Where the time went: each step's end, from the restore's plan.
  const row = await withPlatformScope((tx) => tx.tenantRestore.findFirstOrThrow({ where: { id: restore.restore_id } }));
  const plan = row.plan as { step: string; completed_at: string | null }[];
  extra = { ...extra, status, steps: Object.fromEntries(plan.map((s) => [s.step, s.completed_at])), started_at: row.createdAt.toISOString() };
} else {
  // The floor: the same tables' COPY text through pg and pg-copy-streams, to and from plain files, nothing else.
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  if (mode === "floor-to") {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    for (const t of TABLES) await pipeline(client.query(copyTo(`COPY ${q(a)}.${q(t)} TO STDOUT`)), createWriteStream(`${b}/${t}.copy`));
    await client.query("COMMIT");
  } else {
    await client.query("BEGIN");
    await client.query(`CREATE SCHEMA ${q(`${a}_floor`)}`);
    for (const t of TABLES) {
      await client.query(`CREATE TABLE ${q(`${a}_floor`)}.${q(t)} (LIKE ${q(a)}.${q(t)} INCLUDING DEFAULTS)`);
      await pipeline(createReadStream(`${b}/${t}.copy`), client.query(copyFrom(`COPY ${q(`${a}_floor`)}.${q(t)} FROM STDIN`)));
    }
    await client.query("COMMIT");
  }
  await client.end();
}
await closePools();
console.log(JSON.stringify({ ms: Math.round(performance.now() - started), peak_rss_mb: Math.round(peakRssMb() * 10) / 10, ...extra }));
process.exit(0);
