// Backup and restore (issue 12 §7): a tenant schema with 1,000,000 rows
// (100,000 users, 300,000 documents, 600,000 activity rows), backed up and
// restored by the real job code, each in a child process (bench/backup-child.ts)
// so its peak RSS is measured alone, against a floor: raw COPY TO STDOUT into
// files and COPY FROM STDIN from them, through pg and pg-copy-streams, in the
// same kind of child. Run by `npm run bench -- --backup-only` on a fresh database.
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

type Log = (m: string) => void;
const USERS = 100_000; // × 1 users, × 3 documents, × 6 activity rows = 1,000,000 rows
const GOAL_RATIO = 0.7;
const GOAL_RSS_MB = 150;
const KEY = "5a".repeat(32);

type Run = { ms: number; peak_rss_mb: number; baseline_rss_mb: number; backup_id?: string; status?: string; steps?: Record<string, string | null> };
export type BackupBenchResult = {
  rows: number;
  copy_text_mb: number;
  runs: { name: string; ms: number; rows_per_s: number; mb_per_s: number; peak_rss_mb: number; baseline_rss_mb: number; vs_floor: number | null; stored_mb?: number }[];
  goal_ratio: number;
  goal_rss_mb: number;
};

function child(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    // BACKUP_BENCH_NODE_ARGS: V8 flags for the children (e.g. --max-old-space-size=64, to tell garbage from retained memory).
    const nodeArgs = (process.env.BACKUP_BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
    const p = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "bench/backup-child.ts", ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    p.stdout.on("data", (c: Buffer) => (out += c.toString()));
    p.stderr.on("data", (c: Buffer) => (err += c.toString()));
    p.on("exit", (code) => {
      const line = out.trim().split("\n").pop() ?? "";
      if (code !== 0 || !line.startsWith("{")) return reject(new Error(`backup-child ${args[0]} exited ${code}: ${err.slice(-2000)} ${out.slice(-500)}`));
      resolve(JSON.parse(line) as Run);
    });
  });
}

export async function benchBackup(url: string, log: Log): Promise<BackupBenchResult> {
  process.env.DATABASE_URL = url;
  process.env.NEXTAUTH_SECRET ??= "bench-secret-not-for-production-0123456789";
  const { createTenant } = await import("@/lib/tenants/create-tenant");
  const { provisionTenant } = await import("@/lib/tenants/provision-tenant");
  const { systemCaller } = await import("@/lib/auth/caller");
  const { closePools } = await import("@/lib/db/pools");
  const { tenant: created, admin } = await createTenant(systemCaller("bench"), { tenant: { name: "Backup bench", slug: "backup-bench", plan: "enterprise", admin_user: { email: "owner@backup-bench.test", name: "Owner" } } });
  const tenant = (await provisionTenant(systemCaller("bench"), created, admin)).tenant;
  await closePools();
  const s = `"${tenant.schemaName}"`;
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  log(`seeding ${tenant.schemaName} with 1,000,000 rows…`);
  await db.query(`INSERT INTO ${s}.users (email, name, created_at) SELECT 'user' || g || '@bench.test', 'User number ' || g, timestamptz '2026-01-01' + g * interval '1 minute' FROM generate_series(1, $1) g`, [USERS]);
  await db.query(`INSERT INTO ${s}.documents (owner_id, title, body, created_at) SELECT u.id, 'Document ' || g || ' of ' || u.name, repeat('Lorem ipsum dolor sit amet. ', 1 + g), u.created_at FROM generate_series(1, 3) g CROSS JOIN ${s}.users u`);
  await db.query(`INSERT INTO ${s}.activity_log (user_id, action, details, created_at) SELECT u.id, (ARRAY['login','view','edit','share','logout','export'])[g], jsonb_build_object('n', g, 'ip', '10.0.0.' || g), u.created_at + g * interval '1 second' FROM generate_series(1, 6) g CROSS JOIN ${s}.users u`);
  await db.query(`VACUUM ANALYZE ${s}.users, ${s}.documents, ${s}.activity_log`);
  const rows = Number((await db.query<{ n: string }>(`SELECT ((SELECT count(*) FROM ${s}.users) + (SELECT count(*) FROM ${s}.documents) + (SELECT count(*) FROM ${s}.activity_log))::text AS n`)).rows[0].n);

  const work = await mkdtemp(path.join(tmpdir(), "atrium-backup-bench-"));
  const floorDir = path.join(work, "floor");
  await mkdir(floorDir);
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url, BACKUP_DIR: path.join(work, "backups"), BACKUP_ENCRYPTION_KEY: KEY, ATRIUM_JOBS: "off" };
  delete env.BACKUP_S3_URL;
  const result: BackupBenchResult = { rows, copy_text_mb: 0, runs: [], goal_ratio: GOAL_RATIO, goal_rss_mb: GOAL_RSS_MB };
  try {
    log("floor: COPY TO STDOUT into files…");
    const floorTo = await child(["floor-to", tenant.schemaName, floorDir], env);
    const { statSync } = await import("node:fs");
    const bytes = ["users", "documents", "activity_log"].reduce((n, t) => n + statSync(path.join(floorDir, `${t}.copy`)).size, 0);
    result.copy_text_mb = Math.round((bytes / 1048576) * 10) / 10;
    log("floor: COPY FROM STDIN from the files…");
    const floorFrom = await child(["floor-from", tenant.schemaName, floorDir], env);
    const add = (name: string, r: Run, floor: Run | null, storedMb?: number) => {
      result.runs.push({ name, ms: r.ms, rows_per_s: Math.round(rows / (r.ms / 1000)), mb_per_s: Math.round((bytes / 1048576 / (r.ms / 1000)) * 10) / 10, peak_rss_mb: r.peak_rss_mb, baseline_rss_mb: r.baseline_rss_mb, vs_floor: floor ? Math.round((floor.ms / r.ms) * 100) / 100 : null, stored_mb: storedMb });
      log(`${name}: ${(r.ms / 1000).toFixed(1)} s, peak RSS ${r.peak_rss_mb} MB`);
    };
    add("floor: COPY TO STDOUT → files", floorTo, null);
    add("floor: COPY FROM STDIN ← files", floorFrom, null);
    for (const [name, opts] of [
      ["backup (no compression, no encryption)", { compression: false }],
      ["backup (gzip)", { compression: true }],
      ["backup (gzip + AES-256-GCM)", { compression: true, encryption: true }],
    ] as const) {
      log(`${name}…`);
      const r = await child(["backup", tenant.id, JSON.stringify(opts)], env);
      const stored = (await db.query<{ mb: number }>("SELECT (result->>'compressed_size_mb')::float AS mb FROM tenant_backups WHERE id = $1", [r.backup_id])).rows[0].mb;
      add(name, r, floorTo, stored);
      const restoreName = name.replace("backup", "restore");
      log(`${restoreName}…`);
      const target = `bench_restore_${result.runs.length}`;
      const rr = await child(["restore", tenant.id, r.backup_id!, target], env);
      if (rr.status !== "completed") throw new Error(`restore ${restoreName} ${rr.status}`);
      add(`${restoreName}, whole job`, rr, floorFrom);
      // The COPY phase alone (between the plan's table_creation and data_restoration ends) is what the floor does.
      const at = (k: string) => Date.parse(rr.steps?.[k] ?? "");
      const load = at("data_restoration") - at("table_creation");
      if (Number.isFinite(load)) add(`${restoreName}, COPY phase only`, { ...rr, ms: load }, floorFrom);
      const idx = at("index_rebuilding") - at("data_restoration");
      if (Number.isFinite(idx)) log(`${restoreName}: constraints, indexes and foreign keys ${(idx / 1000).toFixed(1)} s`);
      await db.query(`DROP SCHEMA "${target}" CASCADE`);
    }
  } finally {
    await db.end();
    await rm(work, { recursive: true, force: true });
  }
  await mkdir("bench/results", { recursive: true });
  await writeFile("bench/results/backup.json", `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

export function formatBackupBench(r: BackupBenchResult): string {
  const lines = [`Backup and restore of ${r.rows.toLocaleString("en")} rows (${r.copy_text_mb} MB of COPY text); goal ≥ ${r.goal_ratio}× the floor, peak RSS < ${r.goal_rss_mb} MB`];
  lines.push("| run | time | rows/s | MB/s (COPY text) | × floor | peak RSS (after imports) | stored |", "|---|---:|---:|---:|---:|---:|---:|");
  for (const x of r.runs) lines.push(`| ${x.name} | ${(x.ms / 1000).toFixed(1)} s | ${x.rows_per_s.toLocaleString("en")} | ${x.mb_per_s} | ${x.vs_floor ?? "—"} | ${x.peak_rss_mb} MB (${x.baseline_rss_mb} MB) | ${x.stored_mb !== undefined ? `${x.stored_mb} MB` : "—"} |`);
  return lines.join("\n");
}
