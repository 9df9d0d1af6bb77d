// What metrics and tracing cost (issue 15 §3): the per-request metrics call in
// process; GET /api/v1/tenants/{id} on two production instances of one database,
// one exporting traces to an in-process OTLP collector and one without, measured
// side by side (sequential, alternating; then concurrency 16, alternating); and
// a scrape of /api/metrics with its database snapshot taken and cached, at 10,000 tenants.
//
//   npx next build && npm run bench:observability     (CLUSTER_BASE_PORT / OBS_BENCH_PG_PORT move its ports)
import { performance } from "node:perf_hooks";
import { migrate } from "@/lib/db/migrate";
import { clusterPorts, startInstance, type Instance } from "../scripts/lib/cluster";
import { openDatabase } from "../scripts/lib/database";
import { startOtlpCollector } from "../tests/support/otlp-collector";
import { closedLoop, percentile, request, sequential, target, writeBenchResult, type RunStats } from "./load";
import { sampleTenantIds, seedTenants } from "./seed-tenants";

const TENANTS = 10_000;
const NEVER_REFUSED = "100000000";
const TOKEN = "bench-metrics-token";
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
const summary = (s: RunStats) => ({ p50_ms: round(percentile(s.latencies, 50)), p99_ms: round(percentile(s.latencies, 99)), rps: round(s.requests / s.seconds, 1), errors: s.errors, requests: s.requests });

process.env.NEXTAUTH_SECRET ??= "bench-observability-secret-0123456789";
const { base } = clusterPorts();
const database = await openDatabase({ dir: ".data/pg-bench-observability", port: Number(process.env.OBS_BENCH_PG_PORT ?? 54379), database: "atrium_obs", fresh: true });
process.env.DATABASE_URL = database.url;
const started: Array<{ stop(): Promise<unknown> }> = [];
try {
  await migrate(database.url);
  const seeded = await seedTenants(database.url, TENANTS);
  const ids = await sampleTenantIds(database.url, 200);
  const { createPlatformApiKey } = await import("@/lib/auth/api-keys");
  const { systemCaller } = await import("@/lib/auth/caller");
  const key = (await createPlatformApiKey(systemCaller("bench"), { name: "bench observability" })).key;

  // recordRequestMetrics (counter + histogram, label lookups) alone, warmed up first.
  const { recordRequestMetrics } = await import("@/lib/observability/request-metrics");
  const o = { kind: "api" as const, requestId: "r", method: "GET", route: "GET /api/v1/tenants/{id}", status: 200, durationMs: 3, tenantId: null, actor: null, errorCode: null };
  for (let i = 0; i < 20_000; i++) recordRequestMetrics(o);
  const calls = 200_000;
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) recordRequestMetrics({ ...o, status: i % 10 ? 200 : 404, durationMs: i % 50 });
  const recordUs = ((performance.now() - t0) * 1000) / calls;
  const { closePools } = await import("@/lib/db/pools");
  await closePools();

  const collector = await startOtlpCollector(base + 10);
  started.push({ stop: () => collector.close() });
  const rootDomain = `localhost:${base + 4}`;
  const env = { NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET, METRICS_TOKEN: TOKEN, RATE_LIMIT_TENANT_QUERIES_PER_MINUTE: NEVER_REFUSED, ATRIUM_JOBS: "off" };
  const [traced, plain] = await Promise.all([
    startInstance({ name: "bench-traced", port: base + 1, databaseUrl: database.url, rootDomain, env: { ...env, OTEL_EXPORTER_OTLP_ENDPOINT: collector.url } }),
    startInstance({ name: "bench-untraced", port: base + 2, databaseUrl: database.url, rootDomain, env }),
  ]);
  started.push(traced, plain);
  const t = (i: Instance) => ({ ...target(i.name, i.port, { authorization: `Bearer ${key}` }), host: rootDomain });
  const [tt, tp] = [t(traced), t(plain)];
  const paths = ids.map((id) => `/api/v1/tenants/${id}`);

  // Warm both (route modules, pools, host and key caches), then alternate so both see the same machine.
  await sequential(tt, paths, 200);
  await sequential(tp, paths, 200);
  const seqT: RunStats[] = [];
  const seqP: RunStats[] = [];
  for (let round_ = 0; round_ < 6; round_++) {
    const [first, second] = round_ % 2 ? [tp, tt] : [tt, tp];
    const a = await sequential(first, paths, 100, round_ * 100);
    const b = await sequential(second, paths, 100, round_ * 100);
    (first === tt ? seqT : seqP).push(a);
    (second === tt ? seqT : seqP).push(b);
  }
  const loopT: RunStats[] = [];
  const loopP: RunStats[] = [];
  for (let round_ = 0; round_ < 4; round_++) {
    const first = round_ % 2 ? tp : tt;
    const second = first === tt ? tp : tt;
    (first === tt ? loopT : loopP).push(await closedLoop(first, paths, 16, 5_000));
    (second === tt ? loopT : loopP).push(await closedLoop(second, paths, 16, 5_000));
  }
  const merged = (runs: RunStats[]) => runs.reduce((acc, r) => ({ ...acc, latencies: [...acc.latencies, ...r.latencies], errors: acc.errors + r.errors, requests: acc.requests + r.requests, seconds: acc.seconds + r.seconds }));

  // Scrapes: the first after the 5 s cache expired takes the database snapshot; the next ones read it.
  const scrapeTarget = { ...target("scrape", plain.port, { authorization: `Bearer ${TOKEN}` }), host: `127.0.0.1:${plain.port}` };
  const fresh: number[] = [];
  const cached: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 5_200));
    fresh.push((await request(scrapeTarget, "/api/metrics")).ms);
    for (let j = 0; j < 20; j++) {
      const s = await request(scrapeTarget, "/api/metrics");
      if (s.status !== 200) throw new Error(`scrape answered ${s.status}`);
      cached.push(s.ms);
      bytes = s.body.length;
    }
  }

  const seq = { traced: summary(merged(seqT)), untraced: summary(merged(seqP)) };
  const loop = { traced: summary(merged(loopT)), untraced: summary(merged(loopP)) };
  await writeBenchResult("observability", {
    when: new Date().toISOString(),
    tenants: seeded.tenants,
    record_request_metrics_us: round(recordUs),
    get_tenant_sequential: { ...seq, p50_ratio: round(seq.traced.p50_ms / seq.untraced.p50_ms) },
    get_tenant_concurrency_16: { ...loop, rps_ratio: round(loop.traced.rps / loop.untraced.rps) },
    spans_exported: collector.spans.length,
    scrape: { snapshot_taken_ms: round(percentile(fresh, 50)), cached_p50_ms: round(percentile(cached, 50)), bytes },
  });
} finally {
  for (const s of started.reverse()) await s.stop().catch(() => undefined);
  await database.stop();
}
