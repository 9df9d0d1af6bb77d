// What the API-call enforcement costs a tenant-key request (issue 11 §2):
// apiRoute reads the key's tenant in one statement that now also LEFT JOINs
// tenant_enforcements (lib/limits/enforcement.ts tenantKeyState). Measured as
// the p50 of that transaction against the plain plan read it replaced, in
// alternating rounds, over 1,000 tenants of which 100 are enforced
// (`npm run bench:enforcement`, own embedded PostgreSQL).
import { fileURLToPath } from "node:url";

export type EnforcementBench = { plan_read_p50_ms: number; with_enforcement_p50_ms: number; overhead_p50_ms: number; calls_each: number };

const TENANTS = 1_000;
const ROUNDS = 10;
const PER_ROUND = 300;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] * 1000) / 1000;
};

export async function benchTenantEnforcement(databaseUrl: string, log: (m: string) => void = console.log): Promise<EnforcementBench> {
  process.env.DATABASE_URL = databaseUrl;
  const { ownerPool, closePools } = await import("@/lib/db/pools");
  const { withTenantScope } = await import("@/lib/db/scope");
  const { tenantKeyState } = await import("@/lib/limits/enforcement");
  try {
    log(`seeding ${TENANTS} tenants, 100 enforced…`);
    await ownerPool().query(
      `INSERT INTO tenants (id, name, slug, schema_name, plan, status)
       SELECT 'tenant_bench' || lpad(i::text, 6, '0'), 'Bench ' || i, 'bench-' || i, 'bench_' || i, 'professional', 'active' FROM generate_series(1, $1) AS i`,
      [TENANTS],
    );
    await ownerPool().query(
      `INSERT INTO tenant_enforcements (tenant_id, resource, until, current, "limit")
       SELECT 'tenant_bench' || lpad(i::text, 6, '0'), 'api_rate_limits', now() + interval '1 day', 130000, 120000 FROM generate_series(1, $1, 10) AS i`,
      [TENANTS],
    );
    const ids = Array.from({ length: TENANTS }, (_, i) => `tenant_bench${String(i + 1).padStart(6, "0")}`);
    const planRead = (id: string) => withTenantScope(id, async (tx) => (await tx.tenant.findUnique({ where: { id }, select: { plan: true } }))?.plan);
    const stateRead = (id: string) => withTenantScope(id, (tx) => tenantKeyState(tx, id));
    for (let i = 0; i < 300; i++) await Promise.all([planRead(ids[i % TENANTS]), stateRead(ids[i % TENANTS])]);
    const a: number[] = [];
    const b: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      for (const [fn, out] of r % 2 ? ([[planRead, a], [stateRead, b]] as const) : ([[stateRead, b], [planRead, a]] as const)) {
        for (let i = 0; i < PER_ROUND; i++) {
          const t = process.hrtime.bigint();
          await fn(ids[(r * PER_ROUND + i) % TENANTS]);
          out.push(Number(process.hrtime.bigint() - t) / 1e6);
        }
      }
    }
    const plan = pct(a, 50);
    const state = pct(b, 50);
    return { plan_read_p50_ms: plan, with_enforcement_p50_ms: state, overhead_p50_ms: Math.round((state - plan) * 1000) / 1000, calls_each: a.length };
  } finally {
    await closePools();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { openDatabase } = await import("../scripts/lib/database");
  const { migrate } = await import("@/lib/db/migrate");
  const port = Number(process.env.BENCH_PG_PORT ?? 54371);
  const db = await openDatabase({ dir: `.data/pg-bench-enforcement-${port}`, port, database: "atrium_bench_enforcement", fresh: true });
  try {
    await migrate(db.url);
    const b = await benchTenantEnforcement(db.url);
    console.log(`\ntenant-key read of the plan: p50 ${b.plan_read_p50_ms} ms; with the enforcement join: p50 ${b.with_enforcement_p50_ms} ms → ${b.overhead_p50_ms} ms per request (${b.calls_each} calls each)`);
    console.log(JSON.stringify(b));
  } finally {
    await db.stop();
  }
}
