// Usage metering (issue 11 §5), called by bench/run.ts:
// 1. Ingest: events/s through POST /api/v1/usage/events on Atrium's server, batches
//    of 500 at concurrency 8, against a floor: the same kind of rows as one raw
//    multi-row INSERT … ON CONFLICT DO NOTHING into usage_events per batch
//    (no dedup table, no rollups, no HTTP), same concurrency, same duration.
// 2. A 90-day chart for one tenant of 1,000: readUsageSeries on the daily rollup
//    against a raw GROUP BY over usage_events, with the charted tenant itself
//    holding 1,000,000 and then 10,000,000 raw events (the other 999 tenants
//    hold background events, so the tables are multi-tenant); generated with
//    generate_series, rollups built by the ingest's own aggregates
//    (bench/usage-rollups.ts). Both answers are checked equal.
// 3. What metering Atrium's own API calls costs a request (ApiCallMeter.record).
import http from "node:http";
import pg from "pg";
import { percentile, processCpuMs, type Target } from "./load";
import { buildRollupsFromRaw } from "./usage-rollups";

type Log = (m: string) => void;
export const USAGE_BATCH = 500;
const INGEST_MS = 8_000; // per side, in two alternating halves
const INGEST_CONCURRENCY = 8;
const CHART_TENANTS = 1_000;
const CHART_STEPS = [1_000_000, 10_000_000];
const CHART_RUNS = 40;
// A raw GROUP BY over 10M rows takes seconds: fewer of them, spread evenly among the rollup reads.
const CHART_RAW_RUNS = 8;
const CHART_RAW_EXEC_RUNS = 4;
const BACKGROUND_PER_TENANT = 1_000;
const CHART_METERS = ["api_calls", "bandwidth_bytes", "feature_used", "response_time_ms", "error"];
const GOAL_INGEST_RATIO = 0.5;
const GOAL_INGEST_EPS = 20_000;
const GOAL_CHART_SPEEDUP = 50;
const GOAL_CHART_FLATNESS = 1.3;

/**
 * How a batch's events are spread. `spread`: 500 different tenants' events over the last six
 * hours (nearly every event its own rollup row, and concurrent batches touch the same rows);
 * `grouped`: a reporter sending for 10 tenants at a time (50 events each) from the last hour,
 * as a product server batching per tenant does.
 */
type Shape = "spread" | "grouped";
const SHAPES: Shape[] = ["grouped", "spread"];

export type UsageBenchResult = {
  ingest: { shape: Shape; batch: number; concurrency: number; api_events_per_s: number; floor_events_per_s: number; ratio: number; api_batch_p50_ms: number; floor_batch_p50_ms: number; server_cpu_ms_per_batch: number | null; sequential_api_batch_p50_ms: number; sequential_floor_batch_p50_ms: number; one_event_post_p50_ms: number; errors: number }[];
  chart: { raw_events: number; seed_seconds: number; rollup_p50_ms: number; raw_p50_ms: number; speedup: number; rollup_exec_p50_ms: number; raw_exec_p50_ms: number; exec_speedup: number; rollup_rows: number; raw_rows: number }[];
  chart_flatness: number;
  api_meter_ns_per_call: number;
};

function post(t: Target, path: string, body: string): Promise<{ status: number; body: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = http.request(
      { host: "127.0.0.1", port: t.port, path, method: "POST", agent: t.agent, headers: { ...t.headers, host: t.host, "content-type": "application/json", "content-length": Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), ms: Number(process.hrtime.bigint() - started) / 1e6 }));
        res.on("error", reject);
      },
    );
    req.setTimeout(60_000, () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end(body);
  });
}

type Ev = { id: string; tenant_id: string; meter: string; value: number; timestamp: string; properties?: Record<string, string> };

/** Batch `n` of a run: 500 events over the tenants, a mix of meters, timestamps in the last six hours. */
function batch(prefix: string, n: number, tenants: string[], shape: Shape): Ev[] {
  const now = Date.now();
  const window = shape === "spread" ? 21_600_000 : 3_600_000;
  return Array.from({ length: USAGE_BATCH }, (_, k) => {
    const r = (n * USAGE_BATCH + k) * 2654435761;
    const pick = r % 20;
    const meter = pick < 10 ? "api_calls" : pick < 14 ? "bandwidth_bytes" : pick < 17 ? "feature_used" : pick < 19 ? "response_time_ms" : "error";
    return {
      id: `${prefix}-${n}-${k}`,
      tenant_id: shape === "spread" ? tenants[(n * 7 + k) % tenants.length] : tenants[(n * 10 + (k % 10)) % tenants.length],
      meter,
      value: (r % 1000) + 1,
      timestamp: new Date(now - (r % window)).toISOString(),
      ...(meter === "feature_used" ? { properties: { feature: `feature_${r % 5}`, user_id: `user_${r % 300}` } } : {}),
    };
  });
}

async function closedLoopFor(ms: number, concurrency: number, work: (n: number) => Promise<{ events: number; ms: number }>, start: number) {
  let next = start;
  let events = 0;
  const lat: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() - t0 < ms) {
        const r = await work(next++);
        events += r.events;
        lat.push(r.ms);
      }
    }),
  );
  return { events, seconds: (performance.now() - t0) / 1000, lat, next };
}

async function benchIngest(url: string, app: Target, tenants: string[], log: Log, shape: Shape): Promise<UsageBenchResult["ingest"][number]> {
  const pool = new pg.Pool({ connectionString: url, max: INGEST_CONCURRENCY });
  let errors = 0;
  let firstError = "";
  const viaApi = async (n: number) => {
    const r = await post(app, "/api/v1/usage/events", JSON.stringify({ events: batch(`api-${shape}`, n, tenants, shape) }));
    const accepted = r.status === 200 ? (JSON.parse(r.body) as { data: { accepted: number } }).data.accepted : 0;
    if (accepted !== USAGE_BATCH) {
      errors++;
      firstError ||= `HTTP ${r.status}: ${r.body.slice(0, 300)}`;
    }
    return { events: accepted, ms: r.ms };
  };
  const viaFloor = async (n: number) => {
    const rows = batch(`floor-${shape}`, n, tenants, shape);
    const values: unknown[] = [];
    const tuples = rows.map((e, i) => {
      values.push(e.tenant_id, e.id, e.meter, e.properties?.feature ?? "", e.value, e.timestamp, JSON.stringify(e.properties ?? {}));
      const b = i * 7;
      return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7})`;
    });
    const t0 = performance.now();
    const r = await pool.query(`INSERT INTO usage_events (tenant_id, event_id, meter, dimension, value, occurred_at, properties) VALUES ${tuples.join(", ")} ON CONFLICT DO NOTHING`, values);
    return { events: r.rowCount ?? 0, ms: performance.now() - t0 };
  };
  // Warm-up (compiles the route, fills caches), then one batch at a time (latency), then alternating halves so drift hits both sides alike.
  await closedLoopFor(1_500, INGEST_CONCURRENCY, viaApi, 1_000_000);
  await closedLoopFor(1_000, INGEST_CONCURRENCY, viaFloor, 1_000_000);
  const single = { api: await closedLoopFor(2_000, 1, viaApi, 2_000_000), floor: await closedLoopFor(2_000, 1, viaFloor, 2_000_000) };
  const one = await closedLoopFor(1_000, 1, async (n) => {
    const r = await post(app, "/api/v1/usage/events", JSON.stringify({ events: batch(`one-${shape}`, n, tenants, shape).slice(0, 1) }));
    return { events: r.status === 200 ? 1 : 0, ms: r.ms };
  }, 3_000_000);
  log(`usage ingest (${shape}) one at a time: API batch p50 ${percentile(single.api.lat, 50).toFixed(1)} ms, floor ${percentile(single.floor.lat, 50).toFixed(1)} ms; a 1-event POST p50 ${percentile(one.lat, 50).toFixed(1)} ms`);
  errors = 0;
  const api = { events: 0, seconds: 0, lat: [] as number[] };
  const floor = { events: 0, seconds: 0, lat: [] as number[] };
  let n = 0;
  let cpuMs: number | null = 0;
  let apiBatches = 0;
  for (const side of ["api", "floor", "floor", "api"] as const) {
    const cpuBefore = side === "api" ? processCpuMs(app.pid) : null;
    const r = await closedLoopFor(INGEST_MS / 2, INGEST_CONCURRENCY, side === "api" ? viaApi : viaFloor, n);
    if (side === "api") {
      const cpuAfter = processCpuMs(app.pid);
      cpuMs = cpuMs === null || cpuBefore === null || cpuAfter === null ? null : cpuMs + cpuAfter - cpuBefore;
      apiBatches += r.lat.length;
    }
    n = r.next;
    const acc = side === "api" ? api : floor;
    acc.events += r.events;
    acc.seconds += r.seconds;
    acc.lat.push(...r.lat);
    log(`usage ingest (${shape}, ${side}): ${Math.round(r.events / r.seconds).toLocaleString("en-US")} events/s`);
  }
  await pool.end();
  // The floor's rows have no rollups: gone before the chart compares rollups with raw events.
  const owner = new pg.Client({ connectionString: url });
  await owner.connect();
  await owner.query("DELETE FROM usage_events WHERE event_id LIKE 'floor-%'");
  await owner.end();
  if (errors) log(`usage ingest: ${errors} batches not fully accepted; first: ${firstError}`);
  const apiEps = api.events / api.seconds;
  const floorEps = floor.events / floor.seconds;
  return {
    shape,
    batch: USAGE_BATCH,
    concurrency: INGEST_CONCURRENCY,
    api_events_per_s: Math.round(apiEps),
    floor_events_per_s: Math.round(floorEps),
    ratio: Math.round((apiEps / floorEps) * 100) / 100,
    api_batch_p50_ms: Math.round(percentile(api.lat, 50) * 10) / 10,
    floor_batch_p50_ms: Math.round(percentile(floor.lat, 50) * 10) / 10,
    server_cpu_ms_per_batch: cpuMs === null ? null : Math.round((cpuMs / apiBatches) * 10) / 10,
    sequential_api_batch_p50_ms: Math.round(percentile(single.api.lat, 50) * 10) / 10,
    sequential_floor_batch_p50_ms: Math.round(percentile(single.floor.lat, 50) * 10) / 10,
    one_event_post_p50_ms: Math.round(percentile(one.lat, 50) * 10) / 10,
    errors,
  };
}

/**
 * Raw events spread over 89 days, the given tenants and the chart's meters, straight into usage_events.
 * Generated in time order (each chunk fills a run of days in turn), as events arrive in production.
 */
async function generateRaw(client: pg.Client, prefix: string, count: number, tenants: string[]): Promise<void> {
  const CHUNK = 500_000;
  const span = 89 * 86_400;
  await client.query("SET synchronous_commit = off");
  for (let from = 0; from < count; from += CHUNK) {
    await client.query(
      `INSERT INTO usage_events (tenant_id, event_id, meter, dimension, value, occurred_at, properties)
       SELECT ($1::text[])[1 + g % cardinality($1::text[])], $2 || g, m.meter,
              CASE WHEN m.meter = 'feature_used' THEN 'feature_' || (g / 7 % 5) ELSE '' END,
              (1 + abs(hashint4(g::int)) % 1000)::float8 / CASE WHEN m.meter = 'error' THEN 100 ELSE 1 END,
              date_trunc('milliseconds', $6::timestamptz - make_interval(secs => $7::float8 * (1 - g::float8 / $8::float8))),
              CASE WHEN m.meter = 'feature_used' THEN jsonb_build_object('feature', 'feature_' || (g / 7 % 5), 'user_id', 'user_' || (g % 300)) ELSE '{}' END
       FROM generate_series($3::bigint, $4::bigint) AS g
       CROSS JOIN LATERAL (SELECT ($5::text[])[1 + (g / cardinality($1::text[])) % cardinality($5::text[])] AS meter) m`,
      [tenants, `${prefix}-`, from, Math.min(count, from + CHUNK) - 1, CHART_METERS, new Date(), span, count],
    );
  }
}

async function benchChart(url: string, tenants: string[], log: Log): Promise<{ chart: UsageBenchResult["chart"]; flatness: number }> {
  const { readUsageSeries } = await import("@/lib/usage/read-usage");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // The reads run as the app does in platform scope (atrium_platform, RLS applied), one statement each, so the
  // timings are the two queries' and not the scope's BEGIN/SET ROLE/COMMIT round trips (which both would pay).
  const reader = new pg.Client({ connectionString: url, options: "-c role=atrium_platform" });
  await reader.connect();
  const q = async <R,>(text: string, values?: unknown[]) => (await reader.query(text, values)).rows as R[];
  const tenant = tenants[0];
  const out: UsageBenchResult["chart"] = [];
  let generated = 0;
  try {
    await client.query("SELECT atrium_usage_ensure_partitions((now() AT TIME ZONE 'UTC')::date - 91, (now() AT TIME ZONE 'UTC')::date + 1)");
    for (const [step, total] of CHART_STEPS.entries()) {
      const t0 = performance.now();
      if (step === 0) {
        await generateRaw(client, "chartbg", BACKGROUND_PER_TENANT * (tenants.length - 1), tenants.slice(1));
        await buildRollupsFromRaw(client, "event_id LIKE $1", ["chartbg-%"]);
      }
      await generateRaw(client, `chart${step}`, total - generated, [tenant]);
      await buildRollupsFromRaw(client, "event_id LIKE $1", [`chart${step}-%`]);
      await client.query("ANALYZE usage_events");
      // The second build updated every rollup row: vacuumed, as autovacuum would in a running system.
      await client.query("VACUUM (ANALYZE) tenant_usage_daily");
      generated = total;
      const seedSeconds = (performance.now() - t0) / 1000;
      log(`usage chart: ${total.toLocaleString("en-US")} raw events ready (${seedSeconds.toFixed(0)} s)`);
      const to = new Date();
      const from = new Date(to.getTime() - 90 * 86_400_000);
      const fromDay = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
      // The raw GROUP BY answers the same series as the rollup read: same buckets (UTC days from the 90-day window's first day).
      const rollup = () => readUsageSeries(q as never, tenant, { meters: CHART_METERS, from, to, granularity: "day" });
      const RAW_SQL = `SELECT meter, (occurred_at AT TIME ZONE 'UTC')::date::text AS t, sum(value)::float8 AS sum, count(*) AS count, min(value)::float8 AS min, max(value)::float8 AS max
           FROM usage_events WHERE tenant_id = $1 AND meter = ANY($2::text[]) AND occurred_at >= $3 AND occurred_at < $4
           GROUP BY 1, 2 ORDER BY 1, 2`;
      const rawValues = [tenant, CHART_METERS, fromDay, to];
      const raw = () => q<{ meter: string; t: string; sum: number; count: string; min: number; max: number }>(RAW_SQL, rawValues);
      // The same two statements' execution time inside PostgreSQL (EXPLAIN ANALYZE), without the round trip and planning.
      // TIMING OFF: clocking every row of a 10M-row GROUP BY inflated it (16.4 s inside against 6.6 s client-side); the
      // per-row counting left still puts the raw figure above the client's (README), so its client p50 is the fairer one.
      let rollupSql: { text: string; values?: unknown[] } | null = null;
      await readUsageSeries((async (text: string, values?: unknown[]) => ((rollupSql = { text, values }), [])) as never, tenant, { meters: CHART_METERS, from, to, granularity: "day" });
      const exec = async (text: string, values?: unknown[]) => {
        const [row] = await q<{ "QUERY PLAN": { "Execution Time": number }[] }>(`EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ${text}`, values);
        return row["QUERY PLAN"][0]["Execution Time"];
      };
      const rollupExec: number[] = [];
      const rawExec: number[] = [];
      for (let i = 0; i < CHART_RUNS / 2; i++) {
        rollupExec.push(await exec(rollupSql!.text, rollupSql!.values));
        if (i % (CHART_RUNS / 2 / CHART_RAW_EXEC_RUNS) === 0) rawExec.push(await exec(RAW_SQL, rawValues));
      }
      const a = await rollup();
      const b = await raw();
      const rollupRows = Object.values(a).reduce((n, s) => n + s.length, 0);
      // Same buckets, counts, min and max; sums equal but for float addition order.
      const byKey = (x: { key: string }, y: { key: string }) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0);
      const flat = Object.entries(a).flatMap(([meter, pts]) => pts.map((p) => ({ key: `${meter} ${p.t} ${p.count} ${p.min} ${p.max}`, sum: p.sum }))).sort(byKey);
      const rawFlat = b.map((r) => ({ key: `${r.meter} ${r.t} ${Number(r.count)} ${r.min} ${r.max}`, sum: r.sum })).sort(byKey);
      const differ = flat.length !== rawFlat.length ? 0 : flat.findIndex((x, k) => x.key !== rawFlat[k].key || Math.abs(x.sum - rawFlat[k].sum) > 1e-6 * Math.max(1, Math.abs(x.sum)));
      if (flat.length !== rawFlat.length || differ >= 0) throw new Error(`usage chart: the rollup and the raw GROUP BY disagree (${flat.length} vs ${rawFlat.length} buckets; first: ${JSON.stringify(flat[differ])} vs ${JSON.stringify(rawFlat[differ])})`);
      const rollupMs: number[] = [];
      const rawMs: number[] = [];
      for (let i = 0; i < CHART_RUNS; i++) {
        const pair = i % (CHART_RUNS / CHART_RAW_RUNS) === 0 ? ([[rollup, rollupMs], [raw, rawMs]] as const) : ([[rollup, rollupMs]] as const);
        for (const [fn, into] of i % 2 ? [...pair].reverse() : pair) {
          const s = performance.now();
          await fn();
          into.push(performance.now() - s);
        }
      }
      const r50 = percentile(rollupMs, 50);
      const w50 = percentile(rawMs, 50);
      const re50 = percentile(rollupExec, 50);
      const we50 = percentile(rawExec, 50);
      out.push({
        raw_events: total,
        seed_seconds: Math.round(seedSeconds),
        rollup_p50_ms: Math.round(r50 * 100) / 100,
        raw_p50_ms: Math.round(w50 * 100) / 100,
        speedup: Math.round(w50 / r50),
        rollup_exec_p50_ms: Math.round(re50 * 1000) / 1000,
        raw_exec_p50_ms: Math.round(we50 * 100) / 100,
        exec_speedup: Math.round(we50 / re50),
        rollup_rows: rollupRows,
        raw_rows: b.reduce((n, r) => n + Number(r.count), 0),
      });
      log(`usage chart at ${total.toLocaleString("en-US")}: rollup p50 ${r50.toFixed(2)} ms (execution ${re50.toFixed(3)} ms), raw GROUP BY p50 ${w50.toFixed(1)} ms (execution ${we50.toFixed(1)} ms)`);
    }
  } finally {
    await client.end();
    await reader.end();
  }
  return { chart: out, flatness: Math.round((out[out.length - 1].rollup_p50_ms / out[0].rollup_p50_ms) * 100) / 100 };
}

async function meterCost(): Promise<number> {
  const { ApiCallMeter } = await import("@/lib/usage/api-call-meter");
  const meter = new ApiCallMeter();
  const n = 1_000_000;
  for (let i = 0; i < 10_000; i++) meter.record(`tenant_${i % 1000}`, 200, 1);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) meter.record(`tenant_${i % 1000}`, i % 10 ? 200 : 404, 2.5);
  const ns = ((performance.now() - t0) * 1e6) / n;
  // Never flushed: the timer is unref'd and these tenants do not exist.
  return Math.round(ns);
}

export async function benchUsage(url: string, app: Target, log: Log, opts: { chart?: boolean; ingest?: boolean } = {}): Promise<UsageBenchResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const tenants = (await client.query<{ id: string }>("SELECT id FROM tenants ORDER BY md5(id || 'usage') LIMIT $1", [CHART_TENANTS])).rows.map((r) => r.id);
  await client.end();
  log(`usage ingest: POST /api/v1/usage/events, ${USAGE_BATCH} events a batch, concurrency ${INGEST_CONCURRENCY}, against raw multi-row INSERTs`);
  const ingest = [];
  for (const shape of opts.ingest === false ? [] : SHAPES) ingest.push(await benchIngest(url, app, tenants, log, shape));
  const { chart, flatness } = opts.chart === false ? { chart: [], flatness: 0 } : await benchChart(url, tenants, log);
  return { ingest, chart, chart_flatness: flatness, api_meter_ns_per_call: await meterCost() };
}

export function formatUsageBench(r: UsageBenchResult): string {
  const mark = (ok: boolean) => (ok ? "meets" : "MISSES");
  const lines = r.ingest.flatMap((i) => [
    `usage ingest, ${i.shape} batches of ${i.batch} at concurrency ${i.concurrency}: POST /usage/events ${i.api_events_per_s.toLocaleString("en-US")} events/s (batch p50 ${i.api_batch_p50_ms} ms, server CPU ${i.server_cpu_ms_per_batch ?? "?"} ms a batch) · raw INSERT floor ${i.floor_events_per_s.toLocaleString("en-US")} events/s (p50 ${i.floor_batch_p50_ms} ms) · ${i.ratio}× the floor`,
    `  ${mark(i.ratio >= GOAL_INGEST_RATIO)} the goal of ≥ ${GOAL_INGEST_RATIO}× the floor; ${mark(i.api_events_per_s >= GOAL_INGEST_EPS)} ≥ ${GOAL_INGEST_EPS.toLocaleString("en-US")} events/s${i.errors ? ` · ${i.errors} batches failed` : ""}`,
  ]);
  const last = r.chart[r.chart.length - 1];
  if (last) {
    lines.push(
      ...r.chart.map(
        (c) =>
          `usage chart, 90 days of one tenant (of ${CHART_TENANTS.toLocaleString("en-US")}) holding ${c.raw_events.toLocaleString("en-US")} raw events (others: ${BACKGROUND_PER_TENANT.toLocaleString("en-US")} each): rollup p50 ${c.rollup_p50_ms} ms (${c.rollup_rows} buckets) · raw GROUP BY p50 ${c.raw_p50_ms} ms (${c.raw_rows} events) · ${c.speedup}× faster; inside PostgreSQL ${c.rollup_exec_p50_ms} vs ${c.raw_exec_p50_ms} ms, ${c.exec_speedup}×`,
      ),
      `  ${mark(last.speedup >= GOAL_CHART_SPEEDUP)} the goal of ≥ ${GOAL_CHART_SPEEDUP}× at ${last.raw_events.toLocaleString("en-US")}; rollup latency ${r.chart_flatness}× from ${r.chart[0].raw_events.toLocaleString("en-US")} to ${last.raw_events.toLocaleString("en-US")} (${mark(r.chart_flatness <= GOAL_CHART_FLATNESS)} ≤ ${GOAL_CHART_FLATNESS}×)`,
    );
  }
  lines.push(`metering Atrium's own API calls: ${r.api_meter_ns_per_call} ns per request (one Map update; written in batches every 5 s)`);
  return lines.join("\n");
}
