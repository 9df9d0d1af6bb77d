// `npm run bench:audit`: what the audit hash chain costs (issue 10 §2).
// An embedded PostgreSQL (own port, fsync off as in every bench here), then:
//  - p50 of a one-event transaction, chained (publishEvent) vs the plain INSERT
//    the writer did before the chain, at concurrency 1;
//  - inserts/s at concurrency 8: chained on one tenant (every writer waits for
//    the same chain head), chained over 100 tenants, and plain over 100 tenants;
//  - p50 of a tenant update (lock the tenant row, update it, record the event)
//    with the chained event vs a plain insert.
// Writes bench/results/audit-chain.json. Stops its PostgreSQL on exit.
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import pg from "pg";
import { startEmbeddedPostgres, type EmbeddedDb } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";

const PORT = 54361;
const SEQUENTIAL = 600; // per variant, alternating in rounds of 100
const THROUGHPUT_MS = 5_000;
const CONCURRENCY = 8;
const TENANTS = 100;

let db: EmbeddedDb | null = null;
const stop = async () => {
  await db?.stop().catch(() => undefined);
  db = null;
};
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => void stop().finally(() => process.exit(130)));

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

async function main() {
  db = await startEmbeddedPostgres({ dir: ".data/pg-bench-audit", port: PORT, database: "atrium_bench_audit", fresh: true });
  process.env.DATABASE_URL = db.url;
  process.env.DB_POOL_SIZE = String(CONCURRENCY + 2);
  await migrate(db.url);
  // Imported after DATABASE_URL is set: the pools read it on first use.
  const { withTenantScope } = await import("@/lib/db/scope");
  const { publishEvent } = await import("@/lib/events/publish-event");
  const { systemCaller } = await import("@/lib/auth/caller");
  const { closePools } = await import("@/lib/db/pools");
  type Tx = Parameters<Parameters<typeof withTenantScope>[1]>[0];
  const caller = { ...systemCaller("bench"), meta: { ip: "203.0.113.7", userAgent: "bench/1.0", requestId: null } };

  const owner = new pg.Client({ connectionString: db.url });
  await owner.connect();
  const ids = (prefix: string) => Array.from({ length: TENANTS }, (_, i) => `tenant_${prefix}${String(i).padStart(4, "0")}`);
  const chained = ids("c");
  const plain = ids("p");
  for (const id of [...chained, ...plain]) {
    await owner.query("INSERT INTO tenants (id, name, slug, schema_name, plan, status) VALUES ($1, $1, replace($1, '_', '-'), $1, 'professional', 'active')", [id]);
  }
  await owner.end();

  const event = (tenantId: string) => ({ tenantId, action: "tenant.updated", targetType: "tenant", targetId: tenantId, before: { name: "Old name", settings: { timezone: "UTC" } }, after: { name: "New name", settings: { timezone: "Europe/Berlin" } } });
  // What recordAuditEvent did before the chain: one INSERT (seq unique per tenant here, hashes placeholders).
  const seqs = new Map<string, number>();
  const plainInsert = (tx: Tx, tenantId: string) => {
    const seq = (seqs.get(tenantId) ?? 0) + 1;
    seqs.set(tenantId, seq);
    const e = event(tenantId);
    return tx.$executeRaw`INSERT INTO audit_events (id, tenant_id, chain_key, seq, actor_type, actor_id, actor_label, action, target_type, target_id, before, after, ip, user_agent, request_id, created_at, prev_hash, hash)
      VALUES (${`evt_${randomBytes(8).toString("hex")}`}, ${tenantId}, ${tenantId}, ${seq}, 'system', NULL, 'bench', ${e.action}, ${e.targetType}, ${e.targetId}, ${JSON.stringify(e.before)}::jsonb, ${JSON.stringify(e.after)}::jsonb, ${caller.meta.ip}, ${caller.meta.userAgent}, NULL, now(), 'x', 'x')`;
  };
  const variants = {
    chained: (t: string) => withTenantScope(t, (tx) => publishEvent(tx, caller, event(t))),
    plain: (t: string) => withTenantScope(t, (tx) => plainInsert(tx, t)),
  };
  const update = (withChain: boolean) => (t: string) =>
    withTenantScope(t, async (tx) => {
      await tx.$queryRaw`SELECT id FROM tenants WHERE id = ${t} FOR UPDATE`;
      await tx.$executeRaw`UPDATE tenants SET name = ${`Name ${Math.random()}`}, version = version + 1, updated_at = now() WHERE id = ${t}`;
      if (withChain) await publishEvent(tx, caller, event(t));
      else await plainInsert(tx, t);
    });

  async function sequential(fns: Record<string, (t: string) => Promise<unknown>>, pools: Record<string, string[]>): Promise<Record<string, number>> {
    const samples: Record<string, number[]> = Object.fromEntries(Object.keys(fns).map((k) => [k, []]));
    for (let r = 0; r < SEQUENTIAL / 100; r++) {
      for (const [name, fn] of Object.entries(fns)) {
        for (let i = 0; i < 100; i++) {
          const t = pools[name][i % TENANTS];
          const start = performance.now();
          await fn(t);
          samples[name].push(performance.now() - start);
        }
      }
    }
    return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, round(pct(v, 50), 3)]));
  }

  async function throughput(fn: (t: string) => Promise<unknown>, tenants: string[]): Promise<number> {
    let done = 0;
    const until = performance.now() + THROUGHPUT_MS;
    const start = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, w) => {
        for (let i = w; performance.now() < until; i += CONCURRENCY) {
          await fn(tenants[i % tenants.length]);
          done++;
        }
      }),
    );
    return Math.round(done / ((performance.now() - start) / 1000));
  }

  // Warm-up: pools, Prisma, plans, chain heads.
  for (const t of chained) await variants.chained(t);
  for (const t of plain) await variants.plain(t);

  console.log("one-event transaction, concurrency 1 …");
  const single = await sequential(variants, { chained, plain });
  console.log("inserts/s at concurrency 8 …");
  const hotChain = await throughput(variants.chained, [chained[0]]);
  const chainedSpread = await throughput(variants.chained, chained);
  const plainSpread = await throughput(variants.plain, plain);
  console.log("tenant update, concurrency 1 …");
  const upd = await sequential({ chained: update(true), plain: update(false) }, { chained, plain });

  const results = {
    at: new Date().toISOString(),
    event_p50_ms: { chained: single.chained, plain: single.plain, ratio: round(single.chained / single.plain) },
    inserts_per_second_c8: { chained_one_tenant: hotChain, chained_100_tenants: chainedSpread, plain_100_tenants: plainSpread, ratio_spread: round(chainedSpread / plainSpread) },
    tenant_update_p50_ms: { chained: upd.chained, plain: upd.plain, ratio: round(upd.chained / upd.plain) },
  };
  console.table({
    "one-event tx p50 (ms)": { chained: single.chained, plain: single.plain, ratio: results.event_p50_ms.ratio },
    "tenant update p50 (ms)": { chained: upd.chained, plain: upd.plain, ratio: results.tenant_update_p50_ms.ratio },
    "inserts/s, c=8, 100 tenants": { chained: chainedSpread, plain: plainSpread, ratio: results.inserts_per_second_c8.ratio_spread },
    "inserts/s, c=8, one tenant": { chained: hotChain, plain: "", ratio: "" },
  });
  await mkdir("bench/results", { recursive: true });
  await writeFile("bench/results/audit-chain.json", JSON.stringify(results, null, 2));
  await closePools();
}

main()
  .catch((err) => {
    console.error(`[bench:audit] failed: ${(err as Error).stack ?? err}`);
    process.exitCode = 1;
  })
  .finally(stop);
