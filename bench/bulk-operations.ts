// `npm run bench:bulk`: what a bulk operation costs per tenant (issue 14 §1).
// An embedded PostgreSQL (own port) with 1,000 tenants (rows only), then
// `update_settings` on all of them through the real service and job code
// (launchBulkOperation + processBulkOperation: claims under the operation
// row's lock, one transaction per tenant with its row lock, the preview, the
// service's update, the audit row and the item's result), as a dry run and
// for real at concurrency 1, 4 and 8, against a floor: the same UPDATE of
// each tenant's settings in its own transaction, with the same concurrency,
// and nothing else. Writes bench/results/bulk-operations.json.
import pg from "pg";
import { writeBenchResult } from "./load";
import { migrate } from "@/lib/db/migrate";
import { openDatabase } from "../scripts/lib/database";

const PORT = 54461;
const TENANTS = 1000;

let stopDb: () => Promise<void> = async () => {};
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

async function main() {
  const db = await openDatabase({ dir: ".data/pg-bench-bulk", port: PORT, database: "atrium_bench_bulk", fresh: true });
  stopDb = db.stop;
  process.env.DATABASE_URL = db.url;
  await migrate(db.url);
  const { systemCaller } = await import("@/lib/auth/caller");
  const { launchBulkOperation } = await import("@/lib/bulk/start-bulk-operation");
  const { processBulkOperation } = await import("@/lib/bulk/process-bulk-operation");
  const { withPlatformScope } = await import("@/lib/db/scope");
  const { closePools } = await import("@/lib/db/pools");

  const owner = new pg.Pool({ connectionString: db.url, max: 8 });
  // PostgreSQL stopping at the end ends idle connections: not an error of the bench.
  owner.on("error", () => undefined);
  await owner.query(`INSERT INTO tenants (id, name, slug, schema_name, plan, status)
    SELECT 'tenant_bulk' || lpad(i::text, 11, '0'), 'Bulk ' || i, 'bulk-' || i, 'tenant_bulk_' || i, 'basic', 'active' FROM generate_series(1, ${TENANTS}) i`);
  const ids = (await owner.query<{ id: string; name: string }>("SELECT id, name FROM tenants ORDER BY id")).rows;
  const caller = systemCaller("bench");

  let currency = 0;
  const CURRENCIES = ["EUR", "GBP", "USD", "JPY", "CHF", "CAD", "AUD", "SEK", "NOK"];
  /** One operation over every tenant: a new currency each time, so every tenant really changes. */
  const run = async (dryRun: boolean, concurrency: number) => {
    const value = CURRENCIES[currency++ % CURRENCIES.length];
    const t = performance.now();
    const accepted = await launchBulkOperation(caller, async () => ({
      input: { operation: "update_settings", selection: { tenant_ids: ids.map((r) => r.id) }, data: { settings: { currency: value } }, reason: null, dryRun, retryOf: null, idempotencyKey: null },
      targets: ids,
    }));
    await withPlatformScope((tx) => tx.$executeRaw`UPDATE bulk_operations SET concurrency = ${concurrency} WHERE id = ${accepted.operation_id}`);
    await processBulkOperation(accepted.operation_id);
    const ms = performance.now() - t;
    const [c] = (await owner.query("SELECT succeeded, skipped, failed FROM bulk_operations WHERE id = $1", [accepted.operation_id])).rows;
    if (c.succeeded !== TENANTS) throw new Error(`expected ${TENANTS} changed, got ${JSON.stringify(c)}`);
    return ms;
  };
  const floor = async (concurrency: number) => {
    const value = CURRENCIES[currency++ % CURRENCIES.length];
    const queue = ids.map((r) => r.id);
    const t = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        const client = await owner.connect();
        try {
          for (let id = queue.shift(); id; id = queue.shift()) {
            await client.query("BEGIN");
            await client.query("UPDATE tenants SET settings = settings || jsonb_build_object('currency', $2::text), version = version + 1, updated_at = now() WHERE id = $1", [id, value]);
            await client.query("COMMIT");
          }
        } finally {
          client.release();
        }
      }),
    );
    return performance.now() - t;
  };

  await run(false, 4); // warm-up: pools, prepared plans
  const rows: Record<string, unknown>[] = [];
  for (const concurrency of [1, 4, 8]) {
    const dry = await run(true, concurrency);
    const real = await run(false, concurrency);
    const base = await floor(concurrency);
    rows.push({
      concurrency,
      dry_run_s: round(dry / 1000, 2),
      real_s: round(real / 1000, 2),
      tenants_per_s: round((TENANTS * 1000) / real),
      floor_s: round(base / 1000, 2),
      floor_tenants_per_s: round((TENANTS * 1000) / base),
      real_vs_floor: round(real / base, 1),
    });
    console.log(rows.at(-1));
  }
  const result = { tenants: TENANTS, operation: "update_settings", runs: rows };
  await writeBenchResult("bulk-operations", result);
  await owner.end();
  await closePools();
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => stopDb());
