// Cross-tenant analytics (issue 11 §5): 1,000 tenants with 90 days of usage,
// written through ingestUsageEvents (the one write path, so the rollups are
// the real ones), then GET /api/v1/analytics/cross-tenant through its route
// handler in this process (authentication with a platform key, the rate
// limit, the service's queries, the JSON answer; Next's router is the only
// part left out). Run by `npm run bench -- --analytics-only` on a fresh database.
import { writeFile, mkdir } from "node:fs/promises";
import pg from "pg";
import { percentile } from "./load";

export const ANALYTICS_TENANTS = 1_000;
export const ANALYTICS_DAYS = 90;
const USERS_PER_TENANT = 3;
const REQUESTS = 60;
const WARMUP = 5;
const GOAL_P50_MS = 150;
const BATCH = 5_000;

type Log = (m: string) => void;
export type AnalyticsBenchResult = {
  tenants: number;
  days: number;
  events: number;
  daily_rollup_rows: number;
  seed_seconds: number;
  periods: { period: string; p50_ms: number; p99_ms: number; tenants_included: number }[];
  goal_p50_ms: number;
  meets_goal: boolean;
};

/** 1,000 minimal tenants (each with an owner), ids `tenant_a…`, so they never collide with bench/seed-tenants.ts's. */
async function seedAnalyticsTenants(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `WITH t AS (
         INSERT INTO tenants (id, name, slug, schema_name, plan, status, limits, features, provisioning, created_at, updated_at)
         SELECT 'tenant_a' || lpad(to_hex(g), 15, '0'), 'Analytics ' || g, 'analytics-' || g, 't_analytics_' || g,
                (ARRAY['basic', 'professional', 'enterprise'])[1 + g % 3], CASE WHEN g % 10 = 0 THEN 'suspended' ELSE 'active' END,
                jsonb_build_object('users', 50, 'storage_gb', 100, 'api_calls_per_day', 120000), '{}', '{"status": "completed"}',
                now() - make_interval(days => 100 + g % 200), now()
           FROM generate_series(1, $1::int) AS g
         RETURNING id
       ), u AS (
         INSERT INTO users (id, email, name) SELECT 'user_a' || substr(md5(id), 1, 16), id || '@analytics.bench', 'Owner ' || id FROM t RETURNING id, email
       )
       INSERT INTO memberships (tenant_id, user_id, role, status) SELECT split_part(email, '@', 1), id, 'owner', 'active' FROM u RETURNING tenant_id AS id`,
      [ANALYTICS_TENANTS],
    );
    return rows.map((r) => r.id);
  } finally {
    await client.end();
  }
}

/** Per tenant and day: API calls (reported and Atrium's, 2xx and 5xx), errors, a response time, three active users, a storage sample. */
async function seedUsage(ids: string[], log: Log): Promise<number> {
  const { ingestUsageEvents } = await import("@/lib/usage/ingest-usage-events");
  const now = Date.now();
  let events: Parameters<typeof ingestUsageEvents>[0] = [];
  let total = 0;
  const flush = async () => {
    if (!events.length) return;
    await ingestUsageEvents(events);
    total += events.length;
    events = [];
  };
  for (const [i, tenantId] of ids.entries()) {
    const scale = 1 + (i % 7);
    for (let d = 0; d < ANALYTICS_DAYS; d++) {
      const timestamp = new Date(now - d * 86_400_000 - 3_600_000);
      const e = (meter: string, value: number, properties?: Record<string, unknown>, suffix = "") => events.push({ id: `b:${meter}:${d}${suffix}`, tenantId, meter, value, timestamp, properties });
      e("api_calls", 1000 * scale + ((i * 31 + d * 17) % 500));
      e("atrium_api_calls", 20 * scale, { status: "2xx" }, "a");
      e("atrium_api_calls", d % 9 === 0 ? 1 : 0, { status: "5xx" }, "b");
      e("error", (i + d) % 5);
      e("response_time_ms", 80 + ((i + d) % 120));
      e("storage_bytes", (1 + i % 50) * 1024 ** 3 + d * 1_000_000);
      for (let u = 0; u < USERS_PER_TENANT; u++) e("active_user", 1, { user_id: `u${(u + d) % 5}` }, `u${u}`);
    }
    if (events.length >= BATCH) await flush();
    if ((i + 1) % 250 === 0) log(`analytics: ${i + 1} tenants × ${ANALYTICS_DAYS} days ingested (${total} events)`);
  }
  await flush();
  return total;
}

export async function benchCrossTenantAnalytics(url: string, log: Log, resultsFile = "bench/results/analytics.json"): Promise<AnalyticsBenchResult> {
  // Every request counts against the rate limit as in production, but is never refused.
  process.env.RATE_LIMIT_RESOURCE_USAGE_PER_MINUTE = "100000000";
  process.env.DATABASE_URL = url;
  const started = performance.now();
  const ids = await seedAnalyticsTenants(url);
  const events = await seedUsage(ids, log);
  const owner = new pg.Client({ connectionString: url });
  await owner.connect();
  await owner.query("ANALYZE");
  const rollupRows = Number((await owner.query<{ n: string }>("SELECT count(*) AS n FROM tenant_usage_daily WHERE tenant_id = ANY($1)", [ids])).rows[0].n);
  await owner.end();
  const seedSeconds = Math.round((performance.now() - started) / 100) / 10;
  log(`analytics: seeded ${ids.length} tenants, ${events} events (${rollupRows} daily rollup rows) in ${seedSeconds} s`);

  const { createPlatformApiKey } = await import("@/lib/auth/api-keys");
  const { systemCaller } = await import("@/lib/auth/caller");
  const route = await import("@/app/api/v1/analytics/cross-tenant/route");
  const key = (await createPlatformApiKey(systemCaller("bench"), { name: "analytics bench", permissions: ["tenants:read"] })).key;
  const call = async (qs: string) => {
    const t = performance.now();
    const res = await route.GET(new Request(`http://localhost:3000/api/v1/analytics/cross-tenant?${qs}`, { headers: { host: "localhost:3000", authorization: `Bearer ${key}` } }), { params: Promise.resolve({}) });
    const body = await res.text();
    const ms = performance.now() - t;
    if (res.status !== 200) throw new Error(`cross-tenant ${qs.slice(0, 80)}: ${res.status} ${body.slice(0, 300)}`);
    return { ms, data: JSON.parse(body).data as { tenants_included: number; aggregated_metrics: { total_api_calls?: number } } };
  };
  const periods: AnalyticsBenchResult["periods"] = [];
  for (const period of ["30d", "90d"]) {
    // Every tenant of the database: this step runs on a fresh one holding only its 1,000.
    const qs = `period=${period}&segment_by=plan&sort=api_calls&page_size=50`;
    for (let i = 0; i < WARMUP; i++) await call(qs);
    const first = await call(qs);
    if (first.data.tenants_included !== ids.length || !first.data.aggregated_metrics.total_api_calls) throw new Error(`cross-tenant ${period}: saw ${first.data.tenants_included} tenants and no calls (the bench would measure nothing)`);
    const ms: number[] = [];
    for (let i = 0; i < REQUESTS; i++) ms.push((await call(qs)).ms);
    periods.push({ period, p50_ms: Math.round(percentile(ms, 50) * 10) / 10, p99_ms: Math.round(percentile(ms, 99) * 10) / 10, tenants_included: first.data.tenants_included });
    log(`analytics: cross-tenant ${period} over ${ids.length} tenants: p50 ${periods.at(-1)!.p50_ms} ms, p99 ${periods.at(-1)!.p99_ms} ms`);
  }
  const result: AnalyticsBenchResult = {
    tenants: ids.length,
    days: ANALYTICS_DAYS,
    events,
    daily_rollup_rows: rollupRows,
    seed_seconds: seedSeconds,
    periods,
    goal_p50_ms: GOAL_P50_MS,
    meets_goal: periods.every((p) => p.p50_ms <= GOAL_P50_MS),
  };
  await (await import("@/lib/db/pools")).closePools();
  await mkdir("bench/results", { recursive: true });
  await writeFile(resultsFile, JSON.stringify({ measured_at: new Date().toISOString(), ...result }, null, 2) + "\n");
  return result;
}

export function formatAnalyticsBench(r: AnalyticsBenchResult): string {
  return [
    `Cross-tenant analytics over ${r.tenants} tenants × ${r.days} days (${r.daily_rollup_rows} daily rollup rows):`,
    ...r.periods.map((p) => `  period=${p.period}: p50 ${p.p50_ms} ms, p99 ${p.p99_ms} ms (goal p50 ≤ ${r.goal_p50_ms} ms: ${p.p50_ms <= r.goal_p50_ms ? "met" : "NOT met"})`),
  ].join("\n");
}
