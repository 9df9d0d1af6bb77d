// `npm run bench:subscriptions`: what plan changes and the trial job cost
// (issue 14 §3). Its own embedded PostgreSQL (BENCH_SUBSCRIPTIONS_PG_PORT,
// default 54375), TENANTS Basic tenants written directly, then:
//  - p50/p95 of the proration preview (POST …/upgrade with dry_run: the change
//    made and rolled back), 300 samples on one tenant;
//  - p50/p95 of a real upgrade (Basic → Professional, proration charges and
//    events written), one per tenant;
//  - 20 parallel upgrades of one tenant: wall time and how many changed it;
//  - the trial job ending TENANTS due trials (convert), wall time.
// Writes bench/results/subscriptions.json. Stops its PostgreSQL on exit.
import pg from "pg";
import { migrate } from "@/lib/db/migrate";
import { openDatabase } from "../scripts/lib/database";
import { percentile as pct, writeBenchResult } from "./load";

const TENANTS = 300;
const PREVIEWS = 300;

let stopDb: () => Promise<void> = async () => {};
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

async function main() {
  const db = await openDatabase({ dir: ".data/pg-bench-subscriptions", port: Number(process.env.BENCH_SUBSCRIPTIONS_PG_PORT ?? 54375), database: "atrium_bench", fresh: true });
  stopDb = db.stop;
  process.env.DATABASE_URL = db.url;
  await migrate(db.url);
  const { systemCaller } = await import("@/lib/auth/caller");
  const { platformActor } = await import("@/lib/tenant-access/tenant-actor");
  const { changePlan } = await import("@/lib/billing/subscriptions/change-plan");
  const { runTrialJob } = await import("@/lib/billing/subscriptions/run-trial-job");
  const { closePools } = await import("@/lib/db/pools");
  const actor = platformActor(systemCaller("bench"));

  const owner = new pg.Client({ connectionString: db.url });
  await owner.connect();
  const ids = Array.from({ length: TENANTS + 1 }, (_, i) => `tenant_bench${String(i).padStart(10, "0")}`);
  await owner.query(
    `INSERT INTO tenants (id, name, slug, schema_name, plan, status, settings, limits, features)
     SELECT id, 'Bench ' || n, 'bench-' || n, 'tenant_bench_' || n, 'basic', 'active', '{"currency":"USD"}', v.limits, v.features
     FROM unnest($1::text[]) WITH ORDINALITY AS t(id, n) JOIN plan_versions v ON v.plan_key = 'basic' AND v.version = 1`,
    [ids],
  );
  await owner.query(
    `INSERT INTO tenant_subscriptions (tenant_id, plan_key, plan_version, price_monthly_cents, currency, status, current_period_start, current_period_end)
     SELECT id, 'basic', 1, 2900, 'USD', 'active', date_trunc('month', now()), date_trunc('month', now()) + interval '1 month' FROM unnest($1::text[]) AS id`,
    [ids],
  );

  const previews: number[] = [];
  for (let i = 0; i < PREVIEWS; i++) {
    const t = performance.now();
    await changePlan(actor, ids[0], { plan: "professional", dry_run: true }, "upgrade");
    previews.push(performance.now() - t);
  }
  const upgrades: number[] = [];
  for (const id of ids.slice(1)) {
    const t = performance.now();
    await changePlan(actor, id, { plan: "professional" }, "upgrade");
    upgrades.push(performance.now() - t);
  }
  const t0 = performance.now();
  const parallel = await Promise.all(Array.from({ length: 20 }, () => changePlan(actor, ids[0], { plan: "enterprise" }, "upgrade")));
  const parallelMs = performance.now() - t0;

  await owner.query("UPDATE tenant_subscriptions SET status = 'trialing', trial_ends_at = now() - interval '1 minute' WHERE tenant_id = ANY($1)", [ids.slice(1)]);
  const t1 = performance.now();
  const job = await runTrialJob();
  const jobMs = performance.now() - t1;
  await owner.end();

  const result = {
    tenants: TENANTS,
    preview_ms: { samples: PREVIEWS, p50: round(pct(previews, 50)), p95: round(pct(previews, 95)) },
    upgrade_ms: { samples: upgrades.length, p50: round(pct(upgrades, 50)), p95: round(pct(upgrades, 95)) },
    parallel_upgrades: { requests: 20, changed: parallel.filter((r) => r.proration.length > 0).length, wall_ms: round(parallelMs, 0) },
    trial_job: { ended: job.ended.length, failed: job.failed.length, wall_ms: round(jobMs, 0), per_tenant_ms: round(jobMs / Math.max(1, job.ended.length)) },
  };
  await writeBenchResult("subscriptions", result);
  await closePools();
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => stopDb());
