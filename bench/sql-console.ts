// SQL console overhead (issue 12 §7): p50 of a point query
// (`SELECT * FROM items WHERE id = $1`, 100,000 rows) through
// POST /api/v1/tenants/{id}/query on the production server, through the
// service in-process (runTenantQuery), and on a raw pg connection (extended
// protocol, one round trip) — the floor. Then where the time goes: each stage
// of the service timed on its own (parse + check, the tenant transaction's
// setup, the statement through a cursor, EXPLAIN ANALYZE, the audit write);
// what HTTP adds (API-key authentication, rate limit, routing, JSON) is the
// HTTP p50 less the in-process one.
import http from "node:http";
import pg from "pg";
import type { Target } from "./load";
import { percentile, request } from "./load";

const ROWS = 100_000;
const WARMUP = 100;
const SAMPLES = 400; // per measurement, in alternating rounds
const ROUNDS = 4;

export type SqlConsoleBench = {
  rows: number;
  samples: number;
  raw_pg_p50_ms: number;
  in_process_p50_ms: number;
  in_process_no_plan_p50_ms: number;
  http_p50_ms: number;
  http_no_plan_p50_ms: number;
  http_p99_ms: number;
  /** GET /api/v1/tenants/{id} on the same server in the same rounds: what any authenticated, rate-limited tenant request costs there. */
  http_get_tenant_p50_ms: number;
  ratio_http_to_raw: number;
  ratio_in_process_to_raw: number;
  stages_p50_ms: { parse_and_check: number; tenant_transaction: number; statement: number; explain_analyze: number; audit_write: number; http_auth_rate_limit_routing: number };
};

const round3 = (n: number) => Math.round(n * 1000) / 1000;
const p50 = (xs: number[]) => round3(percentile(xs, 50));

function post(t: Target, path: string, body: unknown): Promise<{ ms: number; status: number; body: string }> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = http.request(
      { host: "127.0.0.1", port: t.port, path, method: "POST", agent: t.agent, headers: { ...t.headers, host: t.host, "content-type": "application/json", "content-length": Buffer.byteLength(data) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(data);
  });
}

async function timed(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    await fn(i);
    out.push(performance.now() - s);
  }
  return out;
}

export async function benchSqlConsole(databaseUrl: string, app: Target, log: (m: string) => void): Promise<SqlConsoleBench> {
  process.env.DATABASE_URL = databaseUrl;
  const { systemCaller } = await import("@/lib/auth/caller");
  const { createTenant } = await import("@/lib/tenants/create-tenant");
  const { provisionTenant } = await import("@/lib/tenants/provision-tenant");
  const { withTenantDb } = await import("@/lib/dataplane/with-tenant-db");
  const { withTenantScope } = await import("@/lib/db/scope");
  const { publishEvent } = await import("@/lib/events/publish-event");
  const { platformActor } = await import("@/lib/tenant-access/tenant-actor");
  const { runTenantQuery } = await import("@/lib/sql-console/run-tenant-query");
  const { checkTenantStatement } = await import("@/lib/sql-console/check-statement");
  const { executeStatement } = await import("@/lib/sql-console/execute-statement");
  const { explainStatement } = await import("@/lib/sql-console/query-plan");
  const { closePools } = await import("@/lib/db/pools");

  const caller = systemCaller("bench");
  const slug = `sql-bench-${Date.now()}`;
  const created = await createTenant(caller, { tenant: { name: "SQL bench", slug, plan: "enterprise", admin_user: { email: `owner@${slug}.test`, name: "Owner" } } });
  const { tenant } = await provisionTenant(caller, created.tenant, created.admin);
  log(`SQL console: tenant ${tenant.id} provisioned; loading ${ROWS.toLocaleString("en-US")} rows`);
  await withTenantDb(tenant.id, { as: "owner", timeoutMs: 120_000 }, async (c) => {
    await c.query("CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL, price numeric(12,2) NOT NULL, created_at timestamptz NOT NULL DEFAULT now())");
    await c.query("INSERT INTO items (id, name, price) SELECT g, 'item ' || g, (g % 1000) / 10.0 FROM generate_series(1, $1::int) g", [ROWS]);
  });
  await withTenantDb(tenant.id, { as: "owner", timeoutMs: 120_000 }, (c) => c.query("ANALYZE items"));

  const sql = "SELECT * FROM items WHERE id = $1";
  const idAt = (i: number) => ((i * 7919) % ROWS) + 1;
  const raw = new pg.Client({ connectionString: databaseUrl });
  await raw.connect();
  const rawSql = `SELECT * FROM "${tenant.schemaName}".items WHERE id = $1`;
  const actor = platformActor(caller);
  const path = `/api/v1/tenants/${tenant.id}/query`;
  const viaHttp = (i: number, includePlan = true) =>
    post(app, path, { query: sql, parameters: [idAt(i)], include_plan: includePlan }).then((r) => {
      if (r.status !== 200) throw new Error(`POST ${path}: ${r.status} ${r.body.slice(0, 300)}`);
    });

  try {
    log("SQL console: warming up");
    await timed(WARMUP, (i) => raw.query(rawSql, [idAt(i)]));
    await timed(WARMUP, (i) => runTenantQuery(actor, tenant.id, { query: sql, parameters: [idAt(i)] }));
    await timed(WARMUP, (i) => viaHttp(i));

    const getTenant = () =>
      request(app, `/api/v1/tenants/${tenant.id}`).then((r) => {
        if (r.status !== 200) throw new Error(`GET /api/v1/tenants/${tenant.id}: ${r.status} ${r.body.slice(0, 300)}`);
      });
    await timed(WARMUP, getTenant);
    const m = { raw: [] as number[], inProcess: [] as number[], inProcessNoPlan: [] as number[], http: [] as number[], httpNoPlan: [] as number[], getTenant: [] as number[] };
    const per = SAMPLES / ROUNDS;
    for (let r = 0; r < ROUNDS; r++) {
      log(`SQL console: round ${r + 1}/${ROUNDS} (${per} each: raw pg, in-process, HTTP with and without plan, GET tenant)`);
      m.raw.push(...(await timed(per, (i) => raw.query(rawSql, [idAt(i + r * per)]))));
      m.inProcess.push(...(await timed(per, (i) => runTenantQuery(actor, tenant.id, { query: sql, parameters: [idAt(i + r * per)] }))));
      m.inProcessNoPlan.push(...(await timed(per, (i) => runTenantQuery(actor, tenant.id, { query: sql, parameters: [idAt(i + r * per)], include_plan: false }))));
      m.http.push(...(await timed(per, (i) => viaHttp(i + r * per))));
      m.httpNoPlan.push(...(await timed(per, (i) => viaHttp(i + r * per, false))));
      m.getTenant.push(...(await timed(per, getTenant)));
    }

    log("SQL console: timing the stages one by one");
    const parse = await timed(SAMPLES, () => checkTenantStatement(sql, { readOnly: true, schemaName: tenant.schemaName }));
    const txn = await timed(SAMPLES, () => withTenantDb(tenant.id, { as: "reader", readOnly: true, timeoutMs: 5_000 }, async () => undefined));
    const [statement, explain] = await withTenantDb(tenant.id, { as: "reader", readOnly: true, timeoutMs: 60_000 }, async (c) => [
      await timed(SAMPLES, (i) => executeStatement(c, sql, [idAt(i)], 1000)),
      await timed(SAMPLES, (i) => explainStatement(c, sql, [idAt(i)], true)),
    ]);
    const audit = await timed(SAMPLES, (i) =>
      withTenantScope(tenant.id, (tx) =>
        publishEvent(tx, caller, {
          tenantId: tenant.id,
          action: "data.query_run",
          targetType: "tenant",
          targetId: tenant.id,
          after: { query_id: `q_bench${i}`, statement: sql, parameters: [{ type: "number" }], read_only: true, statement_kind: "select", outcome: "ok", duration_ms: 1, row_count: 1, truncated: false },
        }),
      ),
    );
    const result: SqlConsoleBench = {
      rows: ROWS,
      samples: SAMPLES,
      raw_pg_p50_ms: p50(m.raw),
      in_process_p50_ms: p50(m.inProcess),
      in_process_no_plan_p50_ms: p50(m.inProcessNoPlan),
      http_p50_ms: p50(m.http),
      http_no_plan_p50_ms: p50(m.httpNoPlan),
      http_p99_ms: round3(percentile(m.http, 99)),
      http_get_tenant_p50_ms: p50(m.getTenant),
      ratio_http_to_raw: Math.round((p50(m.http) / p50(m.raw)) * 10) / 10,
      ratio_in_process_to_raw: Math.round((p50(m.inProcess) / p50(m.raw)) * 10) / 10,
      stages_p50_ms: {
        parse_and_check: p50(parse),
        tenant_transaction: p50(txn),
        statement: p50(statement),
        explain_analyze: p50(explain),
        audit_write: p50(audit),
        http_auth_rate_limit_routing: round3(p50(m.http) - p50(m.inProcess)),
      },
    };
    return result;
  } finally {
    await raw.end();
    await closePools();
  }
}

export function formatSqlConsoleBench(b: SqlConsoleBench): string {
  const s = b.stages_p50_ms;
  return [
    `SQL console: point query (SELECT * FROM items WHERE id = $1, ${b.rows.toLocaleString("en-US")} rows) · p50 of ${b.samples} sequential calls each`,
    `  raw pg connection (floor)          ${b.raw_pg_p50_ms.toFixed(3)} ms`,
    `  runTenantQuery in-process          ${b.in_process_p50_ms.toFixed(3)} ms  (${b.ratio_in_process_to_raw}× the floor; without the plan ${b.in_process_no_plan_p50_ms.toFixed(3)} ms)`,
    `  POST …/query over HTTP             ${b.http_p50_ms.toFixed(3)} ms  (${b.ratio_http_to_raw}× the floor, goal ≤ 3×; p99 ${b.http_p99_ms.toFixed(3)} ms; without the plan ${b.http_no_plan_p50_ms.toFixed(3)} ms)`,
    `  where the time goes (each stage alone, p50):`,
    `    parse + check (libpg-query)      ${s.parse_and_check.toFixed(3)} ms`,
    `    tenant transaction (schema lookup, connection, BEGIN/SET LOCAL role, search_path, timeout; COMMIT)  ${s.tenant_transaction.toFixed(3)} ms`,
    `    statement through a cursor       ${s.statement.toFixed(3)} ms`,
    `    EXPLAIN (ANALYZE, FORMAT JSON)   ${s.explain_analyze.toFixed(3)} ms`,
    `    audit write (hash-chained)       ${s.audit_write.toFixed(3)} ms`,
    `    HTTP: API key, rate limit, routing, JSON (HTTP p50 − in-process p50)  ${s.http_auth_rate_limit_routing.toFixed(3)} ms`,
    `  for reference, GET /api/v1/tenants/{id} on the same server, same rounds: ${b.http_get_tenant_p50_ms.toFixed(3)} ms`,
  ].join("\n");
}
