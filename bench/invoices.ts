// `npm run bench:invoices`: what invoicing costs (issue 14 §3). An embedded
// PostgreSQL (own port), TENANTS tenants with a subscription, pending charges
// and a month of usage rollups each, then:
//  - the monthly job over all of them (runMonthlyInvoicing on a fixed clock): total and per tenant;
//  - the job again (everything already invoiced: the idempotent path);
//  - p50/p95 of rendering one invoice's PDF (read + pdfkit), and its size.
// Writes bench/results/invoices.json. Stops its PostgreSQL on exit.
import pg from "pg";
import { migrate } from "@/lib/db/migrate";
import { openDatabase } from "../scripts/lib/database";
import { percentile as pct, writeBenchResult } from "./load";

const PORT = 55664;
const TENANTS = 300;
const PDF_SAMPLES = 200;

let stopDb: () => Promise<void> = async () => {};
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

async function main() {
  const db = await openDatabase({ dir: ".data/pg-bench-invoices", port: PORT, database: "atrium_bench_invoices", fresh: true });
  stopDb = db.stop;
  process.env.DATABASE_URL = db.url;
  process.env.NEXTAUTH_SECRET ??= "bench-secret-bench-secret-bench-secret";
  await migrate(db.url);
  const { systemCaller } = await import("@/lib/auth/caller");
  const { createTenant } = await import("@/lib/tenants/create-tenant");
  const { runMonthlyInvoicing } = await import("@/lib/billing/invoices/run-monthly-invoicing");
  const { getInvoicePdf } = await import("@/lib/billing/invoices/get-invoice-pdf");
  const { platformActor } = await import("@/lib/tenant-access/tenant-actor");
  const { PLATFORM_PERMISSIONS } = await import("@/lib/auth/permissions");
  const { closePools } = await import("@/lib/db/pools");

  const owner = new pg.Client({ connectionString: db.url });
  await owner.connect();
  const caller = systemCaller("bench");
  const plans = ["basic", "professional", "enterprise"] as const;
  for (let i = 0; i < TENANTS; i++) {
    await createTenant(caller, { tenant: { name: `Bench ${i}`, slug: `bench-inv-${i}`, plan: plans[i % 3], admin_user: { email: `owner${i}@bench.test`, name: `Owner ${i}` } } });
  }
  // Active since September, a small allowance so every tenant has overage lines, two proration charges in October.
  await owner.query(`UPDATE tenants SET status = 'active', created_at = '2026-09-01', limits = limits || '{"api_calls_per_day":100,"storage_gb":1}'`);
  await owner.query(`UPDATE tenant_subscriptions SET status = 'active', trial_ends_at = NULL, add_ons = '{"extra_seats":2,"extra_storage_gb":1}'`);
  await owner.query(`INSERT INTO billing_pending_charges (id, tenant_id, kind, description, amount_cents, currency, created_at)
    SELECT 'chg_' || md5(t.id || k), t.id, 'proration', k, CASE k WHEN 'credit' THEN -1000 ELSE 2500 END, 'USD', '2026-10-15'
    FROM tenants t CROSS JOIN (VALUES ('credit'), ('charge')) AS c(k)`);
  await owner.query(`INSERT INTO tenant_usage_daily (tenant_id, meter, dimension, day, sum, count, min, max)
    SELECT t.id, 'api_calls', '', d::date, 5000, 1, 5000, 5000 FROM tenants t CROSS JOIN generate_series('2026-10-01'::date, '2026-10-31'::date, '1 day') d
    UNION ALL SELECT t.id, 'storage_bytes', '', d::date, 3e9, 1, 3e9, 3e9 FROM tenants t CROSS JOIN generate_series('2026-10-01'::date, '2026-10-31'::date, '1 day') d`);

  const clock = new Date("2026-11-01T00:15:00Z");
  let t = performance.now();
  const first = await runMonthlyInvoicing(clock);
  const firstMs = performance.now() - t;
  t = performance.now();
  const second = await runMonthlyInvoicing(clock);
  const secondMs = performance.now() - t;
  if (first.created !== TENANTS || first.failed.length || second.created !== 0) throw new Error(`unexpected run: ${JSON.stringify({ first, second })}`);

  const admin = platformActor({ kind: "user", id: "user_bench", label: "bench", platformRole: "admin", permissions: new Set(PLATFORM_PERMISSIONS), meta: { ip: null, userAgent: null, requestId: null } });
  const { rows } = await owner.query<{ id: string; tenant_id: string }>("SELECT id, tenant_id FROM invoices ORDER BY number LIMIT $1", [PDF_SAMPLES]);
  const pdfMs: number[] = [];
  let bytes = 0;
  for (const r of rows) {
    const s = performance.now();
    const { pdf } = await getInvoicePdf(admin, r.tenant_id, r.id);
    pdfMs.push(performance.now() - s);
    bytes = pdf.length;
  }

  const result = {
    at: new Date().toISOString(),
    tenants: TENANTS,
    monthly_job: { total_s: round(firstMs / 1000), per_tenant_ms: round(firstMs / TENANTS), issued: first.created },
    monthly_job_again: { total_s: round(secondMs / 1000), per_tenant_ms: round(secondMs / TENANTS), already_there: second.existing },
    pdf: { samples: pdfMs.length, p50_ms: round(pct(pdfMs, 50)), p95_ms: round(pct(pdfMs, 95)), bytes },
  };
  await writeBenchResult("invoices", result);
  await owner.end();
  await closePools();
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => stopDb());
