// GET /tenants/{id}/usage and POST …/scale at the service layer (issue 11 §2):
// one tenant with 90 days of hourly reported usage and 5-minute gauge samples,
// written through ingestUsageEvents, then getTenantUsage for each period with
// projections, and immediate scalings of one tenant. Run: npm run bench:usage-api
// (its own embedded PostgreSQL on BENCH_USAGE_API_PG_PORT, default 54369).
import { percentile } from "./load";

const RUNS = 60;
const DAY = 86_400_000;
const HOUR = 3_600_000;

async function main() {
  const { openDatabase } = await import("../scripts/lib/database");
  const { migrate } = await import("@/lib/db/migrate");
  const db = await openDatabase({ dir: ".data/pg-bench-usage-api", port: Number(process.env.BENCH_USAGE_API_PG_PORT ?? 54369), database: "atrium_bench", fresh: true });
  process.env.DATABASE_URL = db.url;
  process.env.NEXTAUTH_SECRET ??= "bench-secret-not-for-production-0123456789";
  try {
    await migrate(db.url);
    const { systemCaller } = await import("@/lib/auth/caller");
    const { platformActor } = await import("@/lib/tenant-access/tenant-actor");
    const { createTenant } = await import("@/lib/tenants/create-tenant");
    const { provisionTenant } = await import("@/lib/tenants/provision-tenant");
    const { getTenantUsage } = await import("@/lib/tenants/get-tenant-usage");
    const { scaleTenant } = await import("@/lib/tenants/scale-tenant");
    const { usageQuerySchema, scaleTenantSchema } = await import("@/lib/schemas/usage");
    const { ingestUsageEvents } = await import("@/lib/usage/ingest-usage-events");
    const { closePools } = await import("@/lib/db/pools");
    const caller = systemCaller("bench");
    const { tenant, admin } = await createTenant(caller, { tenant: { name: "Bench Co", slug: "bench-usage", plan: "professional", admin_user: { email: "owner@bench.test", name: "Owner" } } });
    await provisionTenant(caller, tenant, admin);

    const now = Date.now();
    const events = [];
    let n = 0;
    for (let t = now - 90 * DAY; t < now; t += HOUR) {
      const at = new Date(t);
      const x = (t - (now - 90 * DAY)) / DAY;
      for (const [meter, value] of [["api_calls", 400 + 5 * x], ["bandwidth_bytes", 2e7], ["error", 2], ["files_uploaded", 3], ["response_time_ms", 120]] as const) events.push({ id: `e${n++}`, tenantId: tenant.id, meter, value, timestamp: at });
      events.push({ id: `e${n++}`, tenantId: tenant.id, meter: "active_user", value: 1, timestamp: at, properties: { user_id: `u${n % 40}` } });
      for (let s = 0; s < 12; s++) {
        const st = new Date(t + s * 5 * 60_000);
        for (const [meter, value] of [["storage_bytes", 1e9 + x * 1e7], ["index_bytes", 2e8], ["db_connections", 3 + (s % 4)], ["members", 10 + Math.floor(x / 10)]] as const) events.push({ id: `e${n++}`, tenantId: tenant.id, meter, value, timestamp: st });
      }
    }
    const seedStart = performance.now();
    for (let i = 0; i < events.length; i += 1000) await ingestUsageEvents(events.slice(i, i + 1000));
    console.log(`seeded ${events.length.toLocaleString("en-US")} events through ingestUsageEvents in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

    const actor = platformActor(caller);
    const rows: string[] = [];
    for (const period of ["1h", "24h", "7d", "30d"] as const) {
      const q = usageQuerySchema.parse({ period, include_projections: "true" });
      await getTenantUsage(actor, tenant.id, q);
      const ms: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const s = performance.now();
        await getTenantUsage(actor, tenant.id, q);
        ms.push(performance.now() - s);
      }
      rows.push(`| \`GET …/usage?period=${period}&include_projections=true\` | ${percentile(ms, 50).toFixed(2)} | ${percentile(ms, 99).toFixed(2)} |`);
    }
    const ms: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const input = scaleTenantSchema.parse({ target_limits: { database_connections: 20 + (i % 10), storage_gb: 100 + i }, billing_approval: true });
      const s = performance.now();
      await scaleTenant(caller, tenant.id, input);
      ms.push(performance.now() - s);
    }
    rows.push(`| \`POST …/scale\` (immediate, ALTER ROLE included) | ${percentile(ms, 50).toFixed(2)} | ${percentile(ms, 99).toFixed(2)} |`);
    console.log(["| operation (service layer, 1 tenant, 90 days) | p50 ms | p99 ms |", "|---|---:|---:|", ...rows].join("\n"));
    await closePools();
  } finally {
    await db.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
