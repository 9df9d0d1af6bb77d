// The tenant and user lists' CSV export (issue 14 §5) at the service layer:
// 10,000 tenants (half with a health score) and 30,000 users in a fresh
// embedded PostgreSQL, then every tenant and every user exported as the route
// streams them, a filtered tenant export, and the heap while a file streams.
// Run: npm run bench:list-export (own PostgreSQL on BENCH_LIST_EXPORT_PG_PORT,
// default 54377). The react-server condition lets it import the server-only services.
import { percentile } from "./load";

const TENANTS = 10_000;
const USERS = 30_000;
const RUNS = 10;
const MB = 1024 * 1024;

async function drain(body: ReadableStream<Uint8Array>, onChunk?: () => void): Promise<{ bytes: number; firstAt: number }> {
  const reader = body.getReader();
  let bytes = 0;
  let firstAt = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!firstAt) firstAt = performance.now();
    bytes += value.length;
    onChunk?.();
  }
  return { bytes, firstAt };
}

async function main() {
  const { openDatabase } = await import("../scripts/lib/database");
  const { migrate } = await import("@/lib/db/migrate");
  const db = await openDatabase({ dir: ".data/pg-bench-list-export", port: Number(process.env.BENCH_LIST_EXPORT_PG_PORT ?? 54377), database: "atrium_bench", fresh: true });
  process.env.DATABASE_URL = db.url;
  process.env.NEXTAUTH_SECRET ??= "bench-secret-not-for-production-0123456789";
  try {
    await migrate(db.url);
    const { ownerPool, closePools } = await import("@/lib/db/pools");
    const { systemCaller } = await import("@/lib/auth/caller");
    const { exportTenantsCsv } = await import("@/lib/csv-export/export-tenants");
    const { exportUsersCsv } = await import("@/lib/csv-export/export-users");
    const { exportTenantsQuerySchema } = await import("@/lib/schemas/tenant");
    const { exportUsersQuerySchema } = await import("@/lib/schemas/users");
    const owner = ownerPool();
    await owner.query(
      `INSERT INTO tenants (id, name, slug, schema_name, plan, status, created_at)
       SELECT 'ten_bench' || i, 'Bench Tenant ' || i, 'bench-' || i, 't_bench_' || i, (ARRAY['basic','professional','enterprise'])[1 + i % 3],
              CASE WHEN i % 7 = 0 THEN 'suspended' ELSE 'active' END, now() - i * interval '1 minute'
       FROM generate_series(1, ${TENANTS}) AS i`,
    );
    await owner.query(`INSERT INTO tenant_health (tenant_id, score, status) SELECT 'ten_bench' || i, 50 + i % 50, 'healthy' FROM generate_series(1, ${TENANTS}, 2) AS i`);
    await owner.query(
      `INSERT INTO users (id, email, name, last_login_at, created_at)
       SELECT 'usr_bench' || i, 'user' || i || '@bench.test', 'User ' || i, CASE WHEN i % 3 = 0 THEN now() - i * interval '1 minute' END, now() - i * interval '1 second'
       FROM generate_series(1, ${USERS}) AS i`,
    );
    await owner.query("ANALYZE");
    const caller = systemCaller("bench");

    const rows: string[] = [];
    const measure = async (label: string, run: () => Promise<{ body: ReadableStream<Uint8Array>; rowCount: number }>) => {
      const total: number[] = [];
      const first: number[] = [];
      let bytes = 0;
      let count = 0;
      for (let i = 0; i <= RUNS; i++) {
        const s = performance.now();
        const e = await run();
        const d = await drain(e.body);
        // The first run warms the caches and is not counted.
        if (i === 0) continue;
        total.push(performance.now() - s);
        first.push(d.firstAt - s);
        bytes = d.bytes;
        count = e.rowCount;
      }
      const p50 = percentile(total, 50);
      rows.push(`| ${label} | ${count.toLocaleString("en-US")} | ${(bytes / MB).toFixed(2)} | ${percentile(first, 50).toFixed(1)} | ${p50.toFixed(0)} | ${percentile(total, 99).toFixed(0)} | ${Math.round(count / (p50 / 1000)).toLocaleString("en-US")} |`);
    };
    await measure("every tenant", () => exportTenantsCsv(caller, exportTenantsQuerySchema.parse({})));
    await measure("every tenant, by health", () => exportTenantsCsv(caller, exportTenantsQuerySchema.parse({ sort: "health", order: "asc" })));
    await measure("tenants, search + plan", () => exportTenantsCsv(caller, exportTenantsQuerySchema.parse({ search: "tenant 1", plan: "enterprise" })));
    await measure("every user", () => exportUsersCsv(caller, exportUsersQuerySchema.parse({})));

    // Heap while the whole user list streams, sampled per chunk after a collection when --expose-gc gives one.
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    const e = await exportUsersCsv(caller, exportUsersQuerySchema.parse({}));
    const d = await drain(e.body, () => (peak = Math.max(peak, process.memoryUsage().heapUsed)));

    console.log(["| export (service layer, streamed and read to the end) | rows | MB | first chunk p50 ms | p50 ms | p99 ms | rows/s |", "|---|---:|---:|---:|---:|---:|---:|", ...rows].join("\n"));
    console.log(`heap while ${e.rowCount.toLocaleString("en-US")} users (${(d.bytes / MB).toFixed(2)} MB) streamed: +${((peak - before) / MB).toFixed(1)} MB at peak${gc ? "" : " (no --expose-gc: garbage included)"}`);
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
