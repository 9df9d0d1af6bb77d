// `npm run bench`: GET /api/v1/tenants/{id} and GET /api/v1/tenants on the
// production build (Atrium's server, scripts/server.ts, as `npm start` runs it) against a floor (bench/floor-server.ts: plain
// node:http + pg, same SQL, same transactions) over 10,000 seeded tenants.
// Prints p50/p99 at concurrency 1 and req/s at concurrency 16, with ratios to
// the floor, then the rate-limit check's cost (bench/rate-limit.ts), and writes
// bench/results/latest.json (`--rate-limit-only`: just the latter, to
// bench/results/rate-limit.json). Everything it starts
// (PostgreSQL, next, the floor) is stopped on exit, on errors and on Ctrl-C.
import os from "node:os";
import { isDeepStrictEqual } from "node:util";
import { migrate } from "@/lib/db/migrate";
import { benchAuditRead, formatAuditResult, type AuditBenchResult } from "./audit-read";
import { benchBackup, formatBackupBench } from "./backup";
import { benchCrossTenantAnalytics, formatAnalyticsBench } from "./cross-tenant-analytics";
import { benchTenantMigrations, formatMigrateBench } from "./tenant-migrations";
import { benchCapacity, capacityPorts, formatCapacity } from "./capacity";
import { closedLoop, merge, processCpuMs, request, sequential, target, writeBenchResult, type RunStats, type Target } from "./load";
import { cleanup, ensureBuild, log, othersBusy, portInUse, startChild, startDatabase as startPostgres, waitReady } from "./processes";
import { formatRateLimit, measureRateLimit } from "./rate-limit";
import { formatDetails, formatTable, hotPathVerdicts, toRows, verdicts, writeResults, type Measured } from "./report";
import { sampleTenantIds, seedTenants } from "./seed-tenants";
import { benchSearch, formatSearchBench, type SearchBench } from "./search";
import { benchSoak, formatSoak } from "./soak";
import { benchSqlConsole, formatSqlConsoleBench, type SqlConsoleBench } from "./sql-console";
import { benchUsage, formatUsageBench, type UsageBenchResult } from "./usage";
import { benchWebhooks, formatWebhookBench } from "./webhooks";

// BENCH_PORT / BENCH_PG_PORT move the servers (the floor on BENCH_PORT + 1), so two checkouts can bench side by side.
const DB = { dir: ".data/pg-bench", port: Number(process.env.BENCH_PG_PORT ?? 54359), database: "atrium_bench" };
const NEXT_PORT = Number(process.env.BENCH_PORT ?? 3200);
const FLOOR_PORT = NEXT_PORT + 1;
const TENANTS = 10_000;
const ID_SAMPLE = 300;
const LATENCY_REQUESTS = 500; // per endpoint and target, at concurrency 1
const LATENCY_ROUNDS = 5; // alternating targets, LATENCY_REQUESTS / LATENCY_ROUNDS each
const LATENCY_ROUND_MAX_MS = 5_000; // keeps the run bounded on a slow or busy machine (fewer samples then)
const THROUGHPUT_MS = 8_000; // per endpoint and target, in two alternating halves
const CONCURRENCY = 16;
const WARMUP_REQUESTS = 200; // per endpoint and target
const RATE_LIMIT_ONLY = process.argv.includes("--rate-limit-only");
// SQL console overhead (bench/sql-console.ts, about a minute): `--sql-only` runs it alone (no 10,000-tenant seed), `--skip-sql` leaves it out.
const SQL_ONLY = process.argv.includes("--sql-only");
// GET /api/v1/search over the 10,000 tenants (bench/search.ts, under a minute): part of the full run; `--search-only` runs just it (seed, server, search).
const SEARCH_ONLY = process.argv.includes("--search-only");
// `--hot-path-only`: the seed, then GET /api/v1/tenants/{id} and the list pages (page/page_size and the cursor) against the floor, nothing else (a few minutes).
const HOT_PATH_ONLY = process.argv.includes("--hot-path-only");
// Usage metering (bench/usage.ts: ingest, and chart reads over one tenant's 10,000,000 raw events, about 8 minutes): `--skip-usage`, `--usage-only`.
// `--usage-ingest-only`, `--usage-chart-only`: one half of it, for working on it.
const USAGE_INGEST_ONLY = process.argv.includes("--usage-ingest-only");
const USAGE_CHART_ONLY = process.argv.includes("--usage-chart-only");
const USAGE_ONLY = process.argv.includes("--usage-only") || USAGE_INGEST_ONLY || USAGE_CHART_ONLY;
const USAGE = USAGE_ONLY || (!process.argv.includes("--skip-usage") && !RATE_LIMIT_ONLY && !process.argv.includes("--audit-only") && !SQL_ONLY && !SEARCH_ONLY && !HOT_PATH_ONLY);
const RESULTS_FILE = HOT_PATH_ONLY ? "bench/results/hot-path.json" : SEARCH_ONLY ? "bench/results/search.json" : RATE_LIMIT_ONLY ? "bench/results/rate-limit.json" : USAGE_ONLY ? "bench/results/usage.json" : SQL_ONLY ? "bench/results/sql-console.json" : "bench/results/latest.json";
// Every request is counted against the limits as in production, but never refused: one key sends thousands a minute here.
const NEVER_REFUSED = "100000000";
// The server's, and this process's when it provisions tenants itself (their database passwords are sealed with it).
const BENCH_SECRET = "bench-secret-0123456789abcdef0123456789abcdef";
// The audit-log step seeds 1,000,000 events (about a minute): `--skip-audit` leaves it out, `--audit-only` runs only it.
const AUDIT_ONLY = process.argv.includes("--audit-only");
const AUDIT = !process.argv.includes("--skip-audit") && !RATE_LIMIT_ONLY && !USAGE_ONLY && !SQL_ONLY && !SEARCH_ONLY && !HOT_PATH_ONLY;
const TENANT_API = !AUDIT_ONLY && !RATE_LIMIT_ONLY && !USAGE_ONLY && !SQL_ONLY && !SEARCH_ONLY;
const SEARCH = SEARCH_ONLY || (TENANT_API && !HOT_PATH_ONLY);
const SQL = SQL_ONLY || (!process.argv.includes("--skip-sql") && TENANT_API && !HOT_PATH_ONLY);
// Cross-tenant analytics over 1,000 tenants × 90 days of usage (bench/cross-tenant-analytics.ts), over every tenant of
// the database: `--analytics-only` runs it alone on a fresh database and no server (the full run's 10,000 tenants would be counted in).
const ANALYTICS_ONLY = process.argv.includes("--analytics-only");
// Fleet tenant migrations over 1,000 tenant schemas at concurrency 1, 4, 8 (bench/tenant-migrations.ts): `--migrate-only`, alone, on a fresh database, no server.
const MIGRATE_ONLY = process.argv.includes("--migrate-only");
// Backup and restore of a 1,000,000-row tenant schema against raw COPY (bench/backup.ts): `--backup-only`, on a fresh database and no server.
const BACKUP_ONLY = process.argv.includes("--backup-only");
// Capacity of a mixed read workload (bench/capacity.ts: one instance direct, one and two behind Caddy, a CPU
// profile; about 2 minutes): part of the full run; `--mixed-only` runs just it (seed, instances, Caddy).
const MIXED_ONLY = process.argv.includes("--mixed-only");
// The soak (bench/soak.ts), opt-in: `--soak` runs it alone, `--soak-minutes N` (default 10), `--soak-rate N` req/s (default 8:
// about half of what one instance served at concurrency 32 on the shared 2-core machine).
const SOAK = process.argv.includes("--soak");
const SOAK_MINUTES = numberFlag("--soak-minutes", 10);
const SOAK_RATE = numberFlag("--soak-rate", 8);
const LIST_PATHS = [
  "/api/v1/tenants?page_size=50",
  "/api/v1/tenants?page=2&page_size=50&sort=name&order=asc",
  "/api/v1/tenants?page_size=50&sort=updated_at&order=desc",
  "/api/v1/tenants?page=40&page_size=50&sort=updated_at&order=desc",
];
// Page 40 by `updated_at` again, reached with the cursor (walked to once both servers are up; both sign it alike).
const CURSOR_BASE = "/api/v1/tenants?page_size=50&sort=updated_at&order=desc";
const CURSOR_PAGE = 40;

function numberFlag(flag: string, fallback: number): number {
  const i = process.argv.indexOf(flag);
  if (i < 0) return fallback;
  const n = Number(process.argv[i + 1]);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} takes a positive number, not ${JSON.stringify(process.argv[i + 1] ?? "")}`);
  return n;
}

const started = performance.now();
const startDatabase = () => startPostgres(DB);

// ---- steps -----------------------------------------------------------------

async function createApiKey(url: string): Promise<string> {
  process.env.DATABASE_URL = url;
  const { createPlatformApiKey } = await import("@/lib/auth/api-keys");
  const { systemCaller } = await import("@/lib/auth/caller");
  const { closePools } = await import("@/lib/db/pools");
  try {
    return (await createPlatformApiKey(systemCaller("bench"), { name: "bench" })).key;
  } finally {
    await closePools();
  }
}

async function startServers(url: string, key: string): Promise<{ app: Target; floor: Target }> {
  const rootDomain = `localhost:${NEXT_PORT}`;
  const common = { ...process.env, DATABASE_URL: url, APP_ROOT_DOMAIN: rootDomain, NEXT_TELEMETRY_DISABLED: "1", RATE_LIMIT_TENANT_QUERIES_PER_MINUTE: NEVER_REFUSED, RATE_LIMIT_RESOURCE_USAGE_PER_MINUTE: NEVER_REFUSED, RATE_LIMIT_SCHEMA_OPERATIONS_PER_MINUTE: NEVER_REFUSED };
  // BENCH_CPU_PROF=<dir>: V8 CPU profile of Atrium's server, written when it exits (SIGTERM at the end of the run); summarise with bench/cpu-profile.ts.
  const profile = process.env.BENCH_CPU_PROF ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_CPU_PROF] : [];
  const next = startChild("next", [...profile, "--import", "tsx", "scripts/server.ts", "start", "-p", String(NEXT_PORT), "-H", "127.0.0.1"], {
    ...common,
    NODE_ENV: "production",
    NEXTAUTH_SECRET: BENCH_SECRET,
    // No pg-boss maintenance worker (instrumentation.ts): its once-a-minute sweep is not
    // request handling and would land inside some measurement windows and not others.
    ATRIUM_JOBS: "off",
  }, { group: true });
  // The same secret as the app's, so both sign the list's cursors alike.
  const floor = startChild("floor", ["--import", "tsx", "bench/floor-server.ts"], { ...common, PORT: String(FLOOR_PORT), NEXTAUTH_SECRET: BENCH_SECRET });
  await Promise.all([waitReady(next, NEXT_PORT, "/api/health", 60_000), waitReady(floor, FLOOR_PORT, "/health", 30_000)]);
  const headers = { authorization: `Bearer ${key}`, accept: "application/json" };
  return { app: target("atrium server", NEXT_PORT, headers, next.proc.pid), floor: target("floor", FLOOR_PORT, headers, floor.proc.pid) };
}

/** `base` walked with next_cursor to page `page`: that page's path. */
async function cursorPath(t: Target, base: string, page: number): Promise<string> {
  let path = base;
  for (let p = 1; p < page; p++) {
    const r = await request(t, path);
    const next = r.status === 200 ? (JSON.parse(r.body) as { data: { pagination: { next_cursor: string | null } } }).data.pagination.next_cursor : null;
    if (!next) throw new Error(`walking ${base} by cursor: page ${p} answered ${r.status} without a next_cursor: ${r.body.slice(0, 300)}`);
    path = `${base}&cursor=${encodeURIComponent(next)}`;
  }
  return path;
}

/** Both servers must give the same answer, or the comparison means nothing. */
async function checkSameAnswers(app: Target, floor: Target, paths: string[]): Promise<void> {
  for (const path of paths) {
    const [a, f] = await Promise.all([request(app, path), request(floor, path)]);
    if (a.status !== 200 || f.status !== 200) throw new Error(`GET ${path}: next answered ${a.status}, the floor ${f.status}\nnext: ${a.body.slice(0, 300)}\nfloor: ${f.body.slice(0, 300)}`);
    if (!isDeepStrictEqual(JSON.parse(a.body), JSON.parse(f.body))) throw new Error(`GET ${path}: next and the floor return different JSON\nnext: ${a.body.slice(0, 400)}\nfloor: ${f.body.slice(0, 400)}`);
  }
}

async function measure(endpoint: string, paths: string[], app: Target, floor: Target): Promise<Measured[]> {
  const lat = new Map<Target, RunStats[]>([[app, []], [floor, []]]);
  const thr = new Map<Target, RunStats[]>([[app, []], [floor, []]]);
  const cpu = new Map<Target, number | null>([[app, 0], [floor, 0]]);
  const perRound = Math.ceil(LATENCY_REQUESTS / LATENCY_ROUNDS);
  for (let r = 0; r < LATENCY_ROUNDS; r++) {
    for (const t of r % 2 === 0 ? [app, floor] : [floor, app]) lat.get(t)!.push(await sequential(t, paths, perRound, r * perRound, LATENCY_ROUND_MAX_MS));
  }
  log(`${endpoint}: latency done, throughput at concurrency ${CONCURRENCY}…`);
  for (const t of [app, floor, floor, app]) {
    const before = processCpuMs(t.pid);
    thr.get(t)!.push(await closedLoop(t, paths, CONCURRENCY, THROUGHPUT_MS / 2));
    const after = processCpuMs(t.pid);
    const sofar = cpu.get(t);
    cpu.set(t, before === null || after === null || sofar === null || sofar === undefined ? null : sofar + after - before);
  }
  return [app, floor].map((t) => {
    const throughput = merge(thr.get(t)!);
    const cpuMs = cpu.get(t);
    return { endpoint, target: t.name, latency: merge(lat.get(t)!), throughput, serverCpuMsPerRequest: cpuMs == null ? null : cpuMs / throughput.requests };
  });
}

async function capacity(url: string, key: string): Promise<void> {
  const result = await benchCapacity({ url, key, secret: BENCH_SECRET, pgDataDir: DB.dir, benchPort: NEXT_PORT, log });
  await writeBenchResult("capacity", result);
  console.log(`\n${formatCapacity(result)}\n\nwrote bench/results/capacity.json`);
  if (result.setups.some((s) => s.errors)) process.exitCode = 1;
}

async function main(): Promise<void> {
  // Before the minute of seeding, not after it.
  if (SOAK && (!Number.isInteger(SOAK_MINUTES) || SOAK_MINUTES < 5)) throw new Error(`--soak-minutes must be a whole number of at least 5 (a warm-up minute, two to start from, two to end with), not ${SOAK_MINUTES}`);
  for (const port of ANALYTICS_ONLY || MIGRATE_ONLY || BACKUP_ONLY ? [DB.port] : [DB.port, NEXT_PORT, FLOOR_PORT]) {
    if (await portInUse(port)) throw new Error(`port ${port} is in use (an earlier bench still running?); stop it and run again`);
  }
  const busyBefore = await othersBusy();
  if (ANALYTICS_ONLY) {
    log(`starting PostgreSQL (${DB.dir}, port ${DB.port})`);
    const dbUrl = await startDatabase();
    await migrate(dbUrl);
    console.log(`\n${formatAnalyticsBench(await benchCrossTenantAnalytics(dbUrl, log))}\n\nwrote bench/results/analytics.json`);
    return;
  }
  if (MIGRATE_ONLY) {
    log(`starting PostgreSQL (${DB.dir}, port ${DB.port})`);
    const dbUrl = await startDatabase();
    await migrate(dbUrl);
    console.log(`\n${formatMigrateBench(await benchTenantMigrations(dbUrl, log))}\n\nwrote bench/results/tenant-migrations.json`);
    return;
  }
  if (BACKUP_ONLY) {
    log(`starting PostgreSQL (${DB.dir}, port ${DB.port})`);
    const dbUrl = await startDatabase();
    await migrate(dbUrl);
    console.log(`\n${formatBackupBench(await benchBackup(dbUrl, log))}\n\nwrote bench/results/backup.json`);
    return;
  }
  await ensureBuild();
  log(`starting PostgreSQL (${DB.dir}, port ${DB.port})`);
  const url = await startDatabase();
  await migrate(url);
  // The usage bench alone needs only the 1,000 tenants its events go to.
  const seeded = SQL_ONLY ? null : await seedTenants(url, USAGE_ONLY ? 1_000 : TENANTS);
  if (seeded) log(`seeded ${seeded.tenants} tenants, ${seeded.users} users/memberships, ${seeded.usageRows} usage rows in ${(seeded.ms / 1000).toFixed(1)} s`);
  const ids = SQL_ONLY ? [] : await sampleTenantIds(url, ID_SAMPLE);
  const key = await createApiKey(url);
  if (MIXED_ONLY || SOAK) {
    if (MIXED_ONLY) await capacity(url, key);
    if (SOAK) {
      const soak = await benchSoak({ url, key, secret: BENCH_SECRET, port: capacityPorts(NEXT_PORT).profiled + 1, minutes: SOAK_MINUTES, rate: SOAK_RATE, log });
      await writeBenchResult("soak", soak);
      console.log(`\n${formatSoak(soak)}\n\nwrote bench/results/soak.json`);
      if (soak.errors) process.exitCode = 1;
    }
    return;
  }
  log(`starting Atrium's server (:${NEXT_PORT}) and the floor (:${FLOOR_PORT})`);
  const { app, floor } = await startServers(url, key);
  if (SEARCH_ONLY) {
    const search = await benchSearch(url, app, log);
    console.log(`\n${formatSearchBench(search)}`);
    await writeResults(RESULTS_FILE, [], { config: { tenants: TENANTS }, seed: seeded, search, cpu_busy_before_start: busyBefore });
    console.log(`\nwrote ${RESULTS_FILE}`);
    for (const t of [app, floor]) t.agent.destroy();
    return;
  }

  const listPaths = TENANT_API ? [...LIST_PATHS, await cursorPath(app, CURSOR_BASE, CURSOR_PAGE)] : LIST_PATHS;
  const endpoints = [
    { endpoint: "GET /api/v1/tenants/{id}", paths: ids.map((id) => `/api/v1/tenants/${id}`) },
    { endpoint: "GET /api/v1/tenants", paths: listPaths },
  ];
  if (!USAGE_ONLY && !SQL_ONLY) await checkSameAnswers(app, floor, [...endpoints[0].paths.slice(0, 3), ...listPaths]);
  log(`both servers return identical JSON; warming up (${WARMUP_REQUESTS} requests per endpoint and target)`);
  for (const e of RATE_LIMIT_ONLY ? endpoints.slice(0, 1) : TENANT_API ? endpoints : []) {
    for (const t of [app, floor]) {
      const w = merge([await sequential(t, e.paths, WARMUP_REQUESTS / 2), await closedLoop(t, e.paths, CONCURRENCY, 1_000)]);
      if (w.errors) throw new Error(`warm-up of ${t.name}: ${w.firstError}`);
    }
  }

  const measured: Measured[] = [];
  for (const e of TENANT_API ? endpoints : []) {
    log(`${e.endpoint}: ${LATENCY_REQUESTS} sequential requests per target…`);
    measured.push(...(await measure(e.endpoint, e.paths, app, floor)));
  }
  const failed = measured.filter((m) => m.latency.errors + m.throughput.errors > 0);
  const webhooks = TENANT_API && !HOT_PATH_ONLY ? await benchWebhooks(url, log) : null;
  const audit: AuditBenchResult | null = AUDIT ? await benchAuditRead(url, app, log) : null;

  process.env.RATE_LIMIT_TENANT_QUERIES_PER_MINUTE = NEVER_REFUSED;
  const rateLimit = AUDIT_ONLY || USAGE_ONLY || SQL_ONLY || HOT_PATH_ONLY ? null : await measureRateLimit(url, app, endpoints[0].paths, ids, log);
  const usage: UsageBenchResult | null = USAGE ? await benchUsage(url, app, log, { chart: !USAGE_INGEST_ONLY, ingest: !USAGE_CHART_ONLY }) : null;
  process.env.NEXTAUTH_SECRET ??= BENCH_SECRET;
  const sqlConsole: SqlConsoleBench | null = SQL ? await benchSqlConsole(url, app, log) : null;
  const search: SearchBench | null = SEARCH ? await benchSearch(url, app, log) : null;

  const rows = toRows(measured, floor.name);
  if (TENANT_API) {
    console.log(`\n${TENANTS.toLocaleString("en-US")} tenants · p50/p99 at concurrency 1 (${LATENCY_REQUESTS} requests) · req/s at concurrency ${CONCURRENCY} (${THROUGHPUT_MS / 1000} s) · node ${process.version}\n`);
    console.log(formatTable(rows));
    console.log("");
    for (const v of verdicts(rows)) console.log(v);
    for (const v of hotPathVerdicts(rows, { page1: LIST_PATHS[2], page40: LIST_PATHS[3], cursor40: listPaths[4] })) console.log(v);
    console.log(`\n${formatDetails(rows)}`);
  }
  if (rateLimit) console.log(`\n${formatRateLimit(rateLimit)}`);
  if (audit) console.log(`\n${formatAuditResult(audit)}`);
  if (webhooks) console.log(`\n${formatWebhookBench(webhooks)}`);
  if (usage) console.log(`\n${formatUsageBench(usage)}`);
  if (sqlConsole) console.log(`\n${formatSqlConsoleBench(sqlConsole)}`);
  if (search) console.log(`\n${formatSearchBench(search)}`);
  if (TENANT_API) await capacity(url, key);
  await writeResults(RESULTS_FILE, rows, {
    config: { tenants: TENANTS, id_sample: ID_SAMPLE, list_paths: listPaths, latency_requests: LATENCY_REQUESTS, throughput_seconds: THROUGHPUT_MS / 1000, concurrency: CONCURRENCY, warmup_requests: WARMUP_REQUESTS },
    seed: seeded,
    rate_limit: rateLimit,
    audit,
    cpu_busy_before_start: busyBefore,
    webhooks,
    usage,
    sql_console: sqlConsole,
    search,
  });
  if (busyBefore !== null && busyBefore > 0.25) {
    console.log(`\nnote: other work kept the CPUs ${Math.round(busyBefore * 100)}% busy just before the bench started (${os.cpus().length} cores): figures are noisy`);
  }
  console.log(`\nwrote ${RESULTS_FILE} (total ${((performance.now() - started) / 1000).toFixed(0)} s)`);
  for (const m of failed) console.error(`ERRORS on ${m.target} ${m.endpoint}: ${m.latency.firstError ?? m.throughput.firstError}`);
  if (rateLimit?.request.errors) console.error(`ERRORS in the rate-limit rounds: ${rateLimit.request.errors} answers were not 200`);
  const usageErrors = usage?.ingest.reduce((n, i) => n + i.errors, 0) ?? 0;
  if (usageErrors) console.error(`ERRORS in the usage ingest: ${usageErrors} batches were not fully accepted`);
  if (failed.length || rateLimit?.request.errors || usageErrors) process.exitCode = 1;
  for (const t of [app, floor]) t.agent.destroy();
}

try {
  await main();
} catch (err) {
  console.error(`[bench] failed: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
