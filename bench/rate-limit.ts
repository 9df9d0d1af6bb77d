// The per-request rate-limit check's cost (issue 10 §6, goal ≤ 0.5 ms p50):
// 1. the limiter call itself (atrium_take_api_limits through the app's pool),
//    in a loop against the bench database, with the policies real requests
//    take: a platform caller on a tenant route (caller + tenant) and a tenant
//    key (caller + tenant + its plan's hourly allowance);
// 2. GET /api/v1/tenants/{id} on Atrium's server with the limiter and without
//    it, in alternating rounds: "without" swaps the database function for one
//    that answers "allowed" without touching a table (the round trip stays:
//    about what SELECT 1 costs), then puts the real one back.
import pg from "pg";
import { percentile, sequential, type RunStats, type Target } from "./load";

export type RateLimitFigures = {
  limiter: { policies: number; p50_ms: number; p99_ms: number; calls: number }[];
  select1_p50_ms: number;
  request: { with_p50_ms: number; without_p50_ms: number; overhead_p50_ms: number; with_p99_ms: number; without_p99_ms: number; requests_each: number; errors: number };
};

const LOOP_CALLS = 2_000;
const REQUEST_ROUNDS = 10;
const REQUESTS_PER_ROUND = 100;

const STUB = `
ALTER FUNCTION atrium_take_api_limits(text[], integer[], integer[]) RENAME TO atrium_take_api_limits_real;
CREATE FUNCTION atrium_take_api_limits(p_keys text[], p_limits integer[], p_windows integer[])
RETURNS TABLE (limit_key text, allowed boolean, remaining integer, reset_ms bigint)
LANGUAGE sql AS $$ SELECT q.k, true, q.l, 0::bigint FROM unnest(p_keys, p_limits) AS q(k, l) $$;`;
const RESTORE = `
DROP FUNCTION atrium_take_api_limits(text[], integer[], integer[]);
ALTER FUNCTION atrium_take_api_limits_real(text[], integer[], integer[]) RENAME TO atrium_take_api_limits;`;

async function timeLoop(calls: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t = process.hrtime.bigint();
    await fn(i);
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return ms;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const round3 = (n: number) => Math.round(n * 1000) / 1000;

export async function measureRateLimit(url: string, app: Target, paths: string[], tenantIds: string[], log: (m: string) => void): Promise<RateLimitFigures> {
  process.env.DATABASE_URL = url;
  const { takeLimits, policiesFor } = await import("@/lib/http/api-rate-limit");
  const { appPool, closePools } = await import("@/lib/db/pools");
  const limiter: RateLimitFigures["limiter"] = [];
  let select1: number[];
  try {
    // Warm the pool and the function's plan first.
    for (let i = 0; i < 200; i++) await takeLimits(policiesFor("tenant_queries", { kind: "key", id: "bench-warm" }, { tenantId: tenantIds[i % tenantIds.length] }));
    select1 = await timeLoop(LOOP_CALLS, () => appPool().query("SELECT 1"));
    for (const plan of [null, "enterprise"]) {
      log(`rate limiter: ${LOOP_CALLS} calls with ${plan ? "a tenant key's 3" : "a platform caller's 2"} policies…`);
      const ms = await timeLoop(LOOP_CALLS, (i) => takeLimits(policiesFor("tenant_queries", { kind: "key", id: `bench-${i % 50}` }, { tenantId: tenantIds[i % tenantIds.length], tenantKeyPlan: plan })));
      limiter.push({ policies: plan ? 3 : 2, p50_ms: round3(percentile(ms, 50)), p99_ms: round3(percentile(ms, 99)), calls: ms.length });
    }
  } finally {
    await closePools();
  }

  const owner = new pg.Client({ connectionString: url });
  await owner.connect();
  const withRuns: RunStats[] = [];
  const withoutRuns: RunStats[] = [];
  let stubbed = false;
  try {
    log(`GET /api/v1/tenants/{id} with and without the limiter: ${REQUEST_ROUNDS} alternating rounds of ${REQUESTS_PER_ROUND}…`);
    for (let r = 0; r < REQUEST_ROUNDS; r++) {
      const without = r % 2 === 1;
      if (without !== stubbed) {
        await owner.query(without ? STUB : RESTORE);
        stubbed = without;
      }
      (without ? withoutRuns : withRuns).push(await sequential(app, paths, REQUESTS_PER_ROUND, r * REQUESTS_PER_ROUND));
    }
  } finally {
    if (stubbed) await owner.query(RESTORE);
    await owner.end();
  }
  const all = (runs: RunStats[]) => runs.flatMap((x) => x.latencies);
  const w = all(withRuns);
  const wo = all(withoutRuns);
  return {
    limiter,
    select1_p50_ms: round3(percentile(select1, 50)),
    request: {
      with_p50_ms: round2(percentile(w, 50)),
      without_p50_ms: round2(percentile(wo, 50)),
      overhead_p50_ms: round2(percentile(w, 50) - percentile(wo, 50)),
      with_p99_ms: round2(percentile(w, 99)),
      without_p99_ms: round2(percentile(wo, 99)),
      requests_each: Math.min(w.length, wo.length),
      errors: [...withRuns, ...withoutRuns].reduce((n, x) => n + x.errors, 0),
    },
  };
}

export function formatRateLimit(f: RateLimitFigures): string {
  const lines = [
    "rate-limit check (goal ≤ 0.5 ms p50):",
    ...f.limiter.map((l) => `  limiter call, ${l.policies} policies: p50 ${l.p50_ms} ms, p99 ${l.p99_ms} ms (${l.calls} calls; SELECT 1 on the same pool: p50 ${f.select1_p50_ms} ms)`),
    `  GET /api/v1/tenants/{id}: p50 ${f.request.with_p50_ms} ms with the limiter, ${f.request.without_p50_ms} ms without → ${f.request.overhead_p50_ms} ms (p99 ${f.request.with_p99_ms} / ${f.request.without_p99_ms} ms; ${f.request.requests_each} requests each)`,
  ];
  const worst = Math.max(...f.limiter.map((l) => l.p50_ms));
  lines.push(`  ${worst <= 0.5 ? "within" : "OVER"} the 0.5 ms goal (limiter call p50 ${worst} ms)`);
  return lines.join("\n");
}
