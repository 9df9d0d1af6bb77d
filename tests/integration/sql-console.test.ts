import { beforeAll, describe, expect, it } from "vitest";
import * as queryRoute from "@/app/api/v1/tenants/[id]/query/route";
import { systemCaller } from "@/lib/auth/caller";
import { withTenantDb } from "@/lib/dataplane/with-tenant-db";
import { createTenantApiKey } from "@/lib/tenant-api-keys/create-tenant-api-key";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { callRoute } from "../support/call-route";
import { auditEvents, ownerQuery } from "../support/db";
import { makeApiKey, makeTenant, uniq } from "../support/fixtures";

type Tenant = Awaited<ReturnType<typeof makeTenant>>;
let tenant: Tenant;
let other: Tenant;
let adminKey: string;
let readKey: string;

const run = (body: unknown, opts: { key?: string; id?: string; host?: string } = {}) => {
  const id = opts.id ?? tenant.id;
  const headers = opts.host ? { host: opts.host } : undefined;
  return callRoute(queryRoute.POST, { method: "POST", key: opts.key ?? adminKey, path: `/api/v1/tenants/${id}/query`, params: { id }, body, headers });
};
const rejected = async (body: Record<string, unknown>, key?: string) => {
  const res = await run(body, { key });
  expect(res.status, JSON.stringify(res.json)).toBe(400);
  expect(res.json.error.code).toBe("query_rejected");
  return res.json.error as { message: string; details: { reason: string; position: number } };
};
const userCount = async (t: Tenant) => Number((await ownerQuery<{ n: string }>(`SELECT count(*) AS n FROM "${t.schemaName}".users`))[0].n);

beforeAll(async () => {
  [tenant, other] = await Promise.all([makeTenant(), makeTenant()]);
  adminKey = await makeApiKey();
  readKey = await makeApiKey(["tenants:read", "data:read"]);
  await withTenantDb(tenant.id, { as: "owner" }, async (c) => {
    await c.query(`CREATE TABLE kinds (id int PRIMARY KEY, big int8, num numeric(20,6), raw bytea, at timestamptz, local timestamp, day date,
      doc jsonb, ints int[], tags text[], flag bool, uid uuid, note text, f float8)`);
    await c.query(`INSERT INTO kinds VALUES (1, 9007199254740993, 12345678901234.123456, '\\xdeadbeef', '2025-11-01 10:20:30.5+00', '2025-11-01 10:20:30',
      '2025-11-01', '{"a": [1, {"b": null}]}', '{1,2,NULL}', '{"x","y z"}', true, '6f1c1b6e-8a4b-4c1e-9a53-1f0c2b7c9d10', NULL, 'NaN')`);
    await c.query("INSERT INTO users (email, name) SELECT 'u' || g || '@example.test', 'User ' || g FROM generate_series(1, 30) g");
  });
  await withTenantDb(other.id, { as: "owner" }, (c) => c.query("INSERT INTO users (email, name) VALUES ('secret@other.test', 'Other')"));
});

describe("POST /api/v1/tenants/:id/query — happy paths", () => {
  it("binds $n parameters, serialises every type safely, names column types and returns the analysed plan", async () => {
    const res = await run({ query: "SELECT * FROM kinds WHERE id = $1 AND flag = $2", parameters: [1, true] });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const d = res.json.data;
    expect(d).toMatchObject({ statement_kind: "select", read_only: true, row_count: 1, truncated: false, schema: tenant.schemaName });
    expect(d.query_id).toMatch(/^q_[0-9a-f]{16}$/);
    expect(d.columns).toEqual([
      { name: "id", type: "integer" }, { name: "big", type: "bigint" }, { name: "num", type: "numeric(20,6)" }, { name: "raw", type: "bytea" },
      { name: "at", type: "timestamp with time zone" }, { name: "local", type: "timestamp without time zone" }, { name: "day", type: "date" },
      { name: "doc", type: "jsonb" }, { name: "ints", type: "integer[]" }, { name: "tags", type: "text[]" }, { name: "flag", type: "boolean" },
      { name: "uid", type: "uuid" }, { name: "note", type: "text" }, { name: "f", type: "double precision" },
    ]);
    expect(d.rows).toEqual([[
      1, "9007199254740993", "12345678901234.123456", Buffer.from("deadbeef", "hex").toString("base64"), expect.stringMatching(/^2025-11-01T10:20:30\.5\+00:00$/),
      "2025-11-01T10:20:30", "2025-11-01", { a: [1, { b: null }] }, [1, 2, null], ["x", "y z"], true, "6f1c1b6e-8a4b-4c1e-9a53-1f0c2b7c9d10", null, "NaN",
    ]]);
    expect(Date.parse(d.rows[0][4])).toBe(Date.UTC(2025, 10, 1, 10, 20, 30, 500));
    expect(d.query_plan).toMatchObject({ analyzed: true, plan: expect.objectContaining({ "Node Type": expect.any(String) }) });
    expect(d.query_plan.estimated_cost).toBeGreaterThan(0);
    expect(d.query_plan.actual_cost).toEqual(expect.any(Number));
    expect(d.query_plan.execution_time_ms).toEqual(expect.any(Number));
    expect(d.execution_time_ms).toEqual(expect.any(Number));
  });

  it("stops at limit_rows and says truncated, without reading the rest", async () => {
    const res = await run({ query: "SELECT g FROM generate_series(1, 5000000) g", limit_rows: 10, include_plan: false, timeout_ms: 20_000 });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.data).toMatchObject({ row_count: 10, truncated: true, query_plan: null });
    expect(res.json.data.rows.map((r: number[]) => r[0])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const exact = await run({ query: "SELECT email FROM users ORDER BY email", limit_rows: 30 });
    expect(exact.json.data).toMatchObject({ row_count: 30, truncated: false });
  });

  it("accepts WITH … SELECT, VALUES, EXPLAIN SELECT, harmless comments and dollar quoting", async () => {
    const cte = await run({ query: "WITH x AS (SELECT count(*) AS n FROM users) SELECT n FROM x" });
    expect(cte.json.data.rows).toEqual([["30"]]);
    expect((await run({ query: "VALUES (1, 'a'), (2, 'b')" })).json.data).toMatchObject({ statement_kind: "values", rows: [[1, "a"], [2, "b"]] });
    const explain = await run({ query: "EXPLAIN (FORMAT JSON) SELECT * FROM users" });
    expect(explain.json.data).toMatchObject({ statement_kind: "explain", query_plan: null });
    // The comment hides nothing from the parser: one statement, SELECT 1.
    expect((await run({ query: "SELECT 1 AS one /* ; DROP TABLE users */" })).json.data.rows).toEqual([[1]]);
    expect((await run({ query: "SELECT 1 -- ; DROP TABLE users" })).json.data.rows).toEqual([[1]]);
    // Dollar quoting: the "statements" are one string literal.
    expect((await run({ query: "SELECT $$; DROP TABLE users; $$ AS s" })).json.data.rows).toEqual([["; DROP TABLE users; "]]);
    expect(await userCount(tenant)).toBe(30);
  });

  it("audits each statement with its text and the parameters' types and lengths, never their values", async () => {
    const res = await run({ query: "SELECT count(*) FROM users WHERE email = $1 OR name = $2", parameters: ["very-secret@example.test", null] });
    expect(res.status).toBe(200);
    const events = await auditEvents(tenant.id, "data.query_run");
    const mine = events.find((e) => e.after?.query_id === res.json.data.query_id);
    expect(mine?.after).toMatchObject({
      statement: "SELECT count(*) FROM users WHERE email = $1 OR name = $2",
      parameters: [{ type: "string", length: 24 }, { type: "null" }],
      read_only: true,
      statement_kind: "select",
      outcome: "ok",
      row_count: 1,
      duration_ms: expect.any(Number),
    });
    expect(JSON.stringify(mine)).not.toContain("very-secret");
  });
});

describe("POST /api/v1/tenants/:id/query — writes", () => {
  it("runs one INSERT/UPDATE/DELETE as the tenant's owner with data:write; the plan is estimated only", async () => {
    const email = `${uniq("w")}@example.test`;
    const ins = await run({ query: "INSERT INTO users (email, name) VALUES ($1, $2) RETURNING email, name", parameters: [email, "Written"], read_only: false });
    expect(ins.status, JSON.stringify(ins.json)).toBe(200);
    expect(ins.json.data).toMatchObject({ statement_kind: "insert", read_only: false, row_count: 1, rows: [[email, "Written"]] });
    expect(ins.json.data.query_plan).toMatchObject({ analyzed: false, actual_cost: null, execution_time_ms: null });
    const upd = await run({ query: "UPDATE users SET name = upper(name) WHERE email = $1", parameters: [email], read_only: false });
    expect(upd.json.data).toMatchObject({ statement_kind: "update", row_count: 1, columns: [], rows: [] });
    expect((await ownerQuery(`SELECT name FROM "${tenant.schemaName}".users WHERE email = $1`, [email]))[0]).toEqual({ name: "WRITTEN" });
    const del = await run({ query: "DELETE FROM users WHERE email = $1", parameters: [email], read_only: false });
    expect(del.json.data.row_count).toBe(1);
    expect(await userCount(tenant)).toBe(30);
    const audited = (await auditEvents(tenant.id, "data.query_run")).filter((e) => e.after?.read_only === false).map((e) => e.after?.statement_kind);
    expect(audited).toEqual(expect.arrayContaining(["insert", "update", "delete"]));
  });

  it("refuses a write without data:write (403) and writes nothing", async () => {
    const res = await run({ query: "DELETE FROM users", read_only: false }, { key: readKey });
    expect(res.status).toBe(403);
    expect(res.json.error.details).toMatchObject({ permission: "data:write" });
    const { key: tenantReadKey } = await createTenantApiKey(platformActor(systemCaller("test")), tenant.id, { name: uniq("k"), permissions: ["data:read"] });
    // A tenant's key is valid on its tenant's host only.
    const host = `${tenant.slug}.localhost:3000`;
    expect((await run({ query: "DELETE FROM users", read_only: false }, { key: tenantReadKey, host })).status).toBe(403);
    const read = await run({ query: "SELECT count(*) FROM users" }, { key: tenantReadKey, host });
    expect(read.status, JSON.stringify(read.json)).toBe(200);
    expect(await userCount(tenant)).toBe(30);
  });

  it("refuses a write sent as read-only, and a SELECT sent as a write", async () => {
    expect((await rejected({ query: "DELETE FROM users" })).details).toEqual({ reason: "write_not_allowed_read_only", position: 0 });
    expect((await rejected({ query: "SELECT 1", read_only: false })).details.reason).toBe("statement_not_allowed");
    expect(await userCount(tenant)).toBe(30);
  });
});

describe("POST /api/v1/tenants/:id/query — every rejection class answers 400 with its reason and position", () => {
  const cases: { name: string; query: string; read_only?: boolean; reason: string; position?: number }[] = [
    { name: "two statements", query: "SELECT 1; DELETE FROM users", reason: "multiple_statements", position: 10 },
    { name: "statements after a quote escape", query: "SELECT E'\\''; DROP TABLE users; --'", reason: "multiple_statements", position: 14 },
    { name: "SELECT then COMMIT then DELETE", query: "SELECT 1; COMMIT; DELETE FROM users", reason: "multiple_statements", position: 10 },
    { name: "data-modifying CTE", query: "WITH gone AS (DELETE FROM users RETURNING *) SELECT count(*) FROM gone", reason: "data_modifying_cte", position: 5 },
    { name: "data-modifying CTE in a write", query: "WITH x AS (DELETE FROM users RETURNING id) UPDATE documents SET title = 'x'", read_only: false, reason: "data_modifying_cte", position: 5 },
    { name: "set_config", query: "SELECT set_config('app.tenant_id', 'other', true)", reason: "function_not_allowed", position: 7 },
    { name: "current_setting of an app setting", query: "SELECT current_setting('app.tenant_id')", reason: "function_not_allowed", position: 7 },
    { name: "pg_sleep (allowlist)", query: "SELECT pg_sleep(60)", reason: "function_not_allowed", position: 7 },
    { name: "pg_catalog-qualified pg_sleep", query: "SELECT 1 WHERE pg_catalog.pg_sleep(1) IS NOT NULL", reason: "function_not_allowed", position: 15 },
    { name: "pg_read_file", query: "SELECT pg_read_file('/etc/passwd')", reason: "function_not_allowed", position: 7 },
    { name: "advisory lock", query: "SELECT pg_advisory_lock(1)", reason: "function_not_allowed", position: 7 },
    { name: "dblink", query: "SELECT * FROM dblink('host=x', 'SELECT 1') AS t(a int)", reason: "function_not_allowed", position: 14 },
    { name: "query_to_xml", query: "SELECT query_to_xml('SELECT 1', true, true, '')", reason: "function_not_allowed", position: 7 },
    { name: "a function in a write's SET", query: "UPDATE users SET name = pg_terminate_backend(1)::text", read_only: false, reason: "function_not_allowed", position: 24 },
    { name: "pg_class", query: "SELECT relname FROM pg_class", reason: "relation_not_allowed", position: 20 },
    { name: "pg_catalog.pg_roles", query: "SELECT rolname, rolpassword FROM pg_catalog.pg_roles", reason: "relation_not_allowed", position: 33 },
    { name: "quoted pg_catalog.pg_class", query: 'SELECT * FROM "pg_catalog"."pg_class"', reason: "relation_not_allowed", position: 14 },
    { name: "information_schema.tables", query: "SELECT * FROM information_schema.tables", reason: "relation_not_allowed", position: 14 },
    { name: "pg_stat_activity", query: "SELECT query FROM pg_stat_activity", reason: "relation_not_allowed", position: 18 },
    { name: "a catalogue in a subquery", query: "SELECT (SELECT count(*) FROM pg_authid)", reason: "relation_not_allowed", position: 29 },
    { name: "the control plane", query: "SELECT * FROM public.tenants", reason: "relation_not_allowed", position: 14 },
    { name: "reg* casts", query: "SELECT 'pg_authid'::regclass", reason: "type_not_allowed", position: 20 },
    { name: "CURRENT_USER", query: "SELECT current_user", reason: "function_not_allowed", position: 7 },
    { name: "FOR UPDATE", query: "SELECT * FROM users FOR UPDATE", reason: "locking_clause", position: 20 },
    { name: "FOR SHARE in a subquery, after a string that says FOR UPDATE", query: "SELECT 'FOR UPDATE', (SELECT 1 FROM users u FOR SHARE)", reason: "locking_clause", position: 44 },
    { name: "SELECT INTO", query: "SELECT * INTO stolen FROM users", reason: "select_into", position: 14 },
    { name: "COPY TO PROGRAM", query: "COPY users TO PROGRAM 'id'", read_only: false, reason: "statement_not_allowed", position: 0 },
    { name: "COPY read-only", query: "COPY (SELECT 1) TO STDOUT", reason: "statement_not_allowed", position: 0 },
    { name: "CREATE TABLE", query: "CREATE TABLE x (a int)", read_only: false, reason: "statement_not_allowed", position: 0 },
    { name: "DROP TABLE", query: "DROP TABLE users", read_only: false, reason: "statement_not_allowed", position: 0 },
    { name: "ALTER", query: "ALTER TABLE users ADD COLUMN x int", read_only: false, reason: "statement_not_allowed", position: 0 },
    { name: "SET ROLE", query: "SET ROLE postgres", read_only: false, reason: "statement_not_allowed", position: 0 },
    { name: "RESET ROLE", query: "RESET ROLE", reason: "statement_not_allowed", position: 0 },
    { name: "DO", query: "DO $$ BEGIN PERFORM 1; END $$", read_only: false, reason: "statement_not_allowed", position: 0 },
    { name: "CALL", query: "CALL p()", read_only: false, reason: "statement_not_allowed", position: 0 },
    { name: "COMMIT", query: "COMMIT", read_only: false, reason: "statement_not_allowed", position: 0 },
    { name: "LISTEN", query: "LISTEN x", reason: "statement_not_allowed", position: 0 },
    { name: "LOCK", query: "LOCK users", read_only: false, reason: "statement_not_allowed", position: 0 },
    { name: "VACUUM", query: "VACUUM users", read_only: false, reason: "statement_not_allowed", position: 0 },
    { name: "PREPARE", query: "PREPARE p AS SELECT 1", reason: "statement_not_allowed", position: 0 },
    { name: "MERGE", query: "MERGE INTO users u USING documents d ON false WHEN NOT MATCHED THEN DO NOTHING", read_only: false, reason: "statement_not_allowed", position: 0 },
    { name: "EXPLAIN of a write", query: "EXPLAIN ANALYZE DELETE FROM users", reason: "statement_not_allowed", position: 0 },
    { name: "XML constructors", query: "SELECT xmlelement(name a)", reason: "construct_not_allowed", position: 7 },
    { name: "syntax error", query: "SELECT * FORM users", reason: "syntax_error", position: 9 },
    { name: "only a comment", query: "-- nothing here", reason: "empty_statement", position: 0 },
    { name: "missing parameter", query: "SELECT $2::int", reason: "parameter_count", position: 7 },
  ];

  it.each(cases)("$name", async ({ query, read_only, reason, position }) => {
    const err = await rejected({ query, read_only: read_only ?? true });
    expect(err.details.reason).toBe(reason);
    if (position !== undefined) expect(err.details.position).toBe(position);
    expect(err.message.length).toBeGreaterThan(10);
  });

  it("refuses another tenant's schema, qualified or quoted", async () => {
    const err = await rejected({ query: `SELECT email FROM "${other.schemaName}".users` });
    expect(err.details).toEqual({ reason: "relation_not_allowed", position: 18 });
    await rejected({ query: `SELECT email FROM users JOIN ${other.schemaName}.documents d ON true` });
  });

  it("audits refusals as data.query_refused, and nothing of the statement ran", async () => {
    const err = await rejected({ query: "SELECT 1; DELETE FROM users" });
    expect(err.details.reason).toBe("multiple_statements");
    const events = await auditEvents(tenant.id, "data.query_refused");
    expect(events.some((e) => e.after?.statement === "SELECT 1; DELETE FROM users" && e.after?.outcome === "rejected")).toBe(true);
    expect(await userCount(tenant)).toBe(30);
  });
});

describe("POST /api/v1/tenants/:id/query — failures, input and load", () => {
  it("answers query_timeout when a statement runs past timeout_ms, and audits it", async () => {
    const started = Date.now();
    const res = await run({ query: "SELECT count(*) FROM generate_series(1, 1000000000)", timeout_ms: 300 });
    expect(res.status).toBe(408);
    expect(res.json.error.code).toBe("query_timeout");
    expect(Date.now() - started).toBeLessThan(10_000);
    const events = await auditEvents(tenant.id, "data.query_refused");
    expect(events.some((e) => e.after?.outcome === "timeout")).toBe(true);
  });

  it("answers PostgreSQL's own refusals as 400 query_failed with the SQLSTATE and a 0-based position", async () => {
    const res = await run({ query: "SELECT nope FROM users" });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: "query_failed", details: { reason: "execution_error", sqlstate: "42703", position: 7 } });
    const dup = await run({ query: "INSERT INTO users (email, name) VALUES ('u1@example.test', 'dup')", read_only: false });
    expect(dup.json.error).toMatchObject({ code: "query_failed", details: { sqlstate: "23505" } });
    const cast = await run({ query: "SELECT $1::int", parameters: ["not a number"] });
    expect(cast.json.error).toMatchObject({ code: "query_failed", details: { sqlstate: "22P02" } });
  });

  it("bad input is a 400 naming the field, and nothing runs", async () => {
    const before = (await auditEvents(tenant.id)).length;
    for (const [body, field] of [
      [{ query: "SELECT 1", timeout_ms: 30_001 }, "timeout_ms"],
      [{ query: "SELECT 1", limit_rows: 0 }, "limit_rows"],
      [{ query: "SELECT 1", limit_rows: 10_001 }, "limit_rows"],
      [{ query: "" }, "query"],
      [{ query: "SELECT 1", parameters: [{ a: 1 }] }, "parameters.0"],
      [{ query: "SELECT 1", extra: true }, "extra"],
      [{ query: "SELECT 1", read_only: "yes" }, "read_only"],
    ] as const) {
      const res = await run(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.code).toBe("invalid_request");
      expect(JSON.stringify(res.json.error.details)).toContain(field);
    }
    expect((await auditEvents(tenant.id)).length).toBe(before);
  });

  it("20 parallel queries, reads and writes mixed: no 500", async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 4 === 0
          ? run({ query: "UPDATE documents SET title = $1 WHERE false", parameters: [`t${i}`], read_only: false })
          : run({ query: "SELECT count(*) FROM users u JOIN kinds k ON true WHERE u.email LIKE $1", parameters: ["u%"] }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    // The tenant's own connection limit may push back (429 connection_pool_full); everything else succeeds.
    for (const r of results) if (r.status !== 200) expect(r.json.error.code).toBe("connection_pool_full");
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(15);
  });

  it("counts against seed 000's schema operations limit (25/min by default)", async () => {
    const previous = process.env.RATE_LIMIT_SCHEMA_OPERATIONS_PER_MINUTE;
    process.env.RATE_LIMIT_SCHEMA_OPERATIONS_PER_MINUTE = "2";
    try {
      const key = await makeApiKey(["tenants:read", "data:read"]);
      const t = await makeTenant();
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await run({ query: "SELECT 1" }, { key, id: t.id })).status);
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      process.env.RATE_LIMIT_SCHEMA_OPERATIONS_PER_MINUTE = previous;
    }
  });

  it("404 for an unknown tenant, 403 for a platform key without data:read", async () => {
    expect((await run({ query: "SELECT 1" }, { id: "ten_doesnotexist0000" })).status).toBe(404);
    const noData = await makeApiKey(["tenants:read"]);
    const res = await run({ query: "SELECT 1" }, { key: noData });
    expect(res.status).toBe(403);
  });
});
