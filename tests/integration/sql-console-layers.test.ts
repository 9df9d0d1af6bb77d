import { beforeAll, describe, expect, it } from "vitest";
import { withTenantDb } from "@/lib/dataplane/with-tenant-db";
import { executeStatement } from "@/lib/sql-console/execute-statement";
import { asQueryFailure } from "@/lib/sql-console/query-failure";
import { ownerQuery } from "../support/db";
import { makeTenant } from "../support/fixtures";

/**
 * The parser is one layer of four. These statements would all be refused by
 * check-statement.ts; here they go straight to the execution layer the
 * console uses (withTenantDb + executeStatement: extended protocol, tenant
 * role, read-only transaction, timeout) to show the other three hold alone.
 */
type Tenant = Awaited<ReturnType<typeof makeTenant>>;
let tenant: Tenant;
let other: Tenant;

/** Runs `sql` as the console would after the checks, and returns its rows or the API error code it maps to. */
async function bypass(sql: string, opts: { as?: "reader" | "owner"; timeoutMs?: number } = {}): Promise<{ code: string; message?: string; rows?: unknown[][] }> {
  const as = opts.as ?? "reader";
  try {
    const r = await withTenantDb(tenant.id, { as, readOnly: as === "reader", timeoutMs: opts.timeoutMs ?? 5_000 }, (c) => executeStatement(c, sql, [], 100));
    return { code: "ok", rows: r.rows };
  } catch (err) {
    const e = asQueryFailure(err);
    if (!e) throw err;
    return { code: e.code, message: e.message };
  }
}
const users = async (t: Tenant) => Number((await ownerQuery<{ n: string }>(`SELECT count(*) AS n FROM "${t.schemaName}".users`))[0].n);

beforeAll(async () => {
  [tenant, other] = await Promise.all([makeTenant(), makeTenant()]);
  await withTenantDb(tenant.id, { as: "owner" }, (c) => c.query("INSERT INTO users (email, name) VALUES ('a@x.test', 'A')"));
  await withTenantDb(other.id, { as: "owner" }, (c) => c.query("INSERT INTO users (email, name) VALUES ('b@x.test', 'B')"));
});

describe("SQL console execution layer with the parser bypassed", () => {
  it("extended protocol: a second statement cannot ride along, so SELECT; COMMIT; DELETE deletes nothing", async () => {
    const r = await bypass("SELECT 1; COMMIT; DELETE FROM users", { as: "owner" });
    expect(r).toMatchObject({ code: "query_failed", message: expect.stringMatching(/multiple commands/i) });
    expect(await bypass("SELECT 1; DELETE FROM users", { as: "owner" })).toMatchObject({ code: "query_failed" });
    expect(await users(tenant)).toBe(1);
  });

  it("read-only transaction and reader role: writes and DDL fail", async () => {
    expect((await bypass("DELETE FROM users")).code).toMatch(/query_failed|schema_access_denied/);
    expect((await bypass("CREATE TABLE x (a int)")).code).toMatch(/query_failed|schema_access_denied/);
    expect((await bypass("WITH d AS (DELETE FROM users RETURNING 1) SELECT count(*) FROM d")).code).toMatch(/query_failed|schema_access_denied/);
    expect(await users(tenant)).toBe(1);
  });

  it("statement_timeout: pg_sleep beyond the timeout answers query_timeout", async () => {
    const started = Date.now();
    expect((await bypass("SELECT pg_sleep(5)", { timeoutMs: 200 })).code).toBe("query_timeout");
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("tenant role: catalogues with secrets, other tenants' schemas and the control plane are refused", async () => {
    expect((await bypass("SELECT rolpassword FROM pg_catalog.pg_authid")).code).toBe("schema_access_denied");
    expect((await bypass(`SELECT email FROM "${other.schemaName}".users`)).code).toBe("schema_access_denied");
    expect((await bypass(`SELECT email FROM "${other.schemaName}".users`, { as: "owner" })).code).toBe("schema_access_denied");
    expect((await bypass("SELECT * FROM public.tenants")).code).toBe("schema_access_denied");
    expect((await bypass("SELECT * FROM public.audit_events", { as: "owner" })).code).toBe("schema_access_denied");
    expect((await bypass("SELECT pg_read_file('/etc/hostname')")).code).toBe("schema_access_denied");
  });

  it("tenant role: no COPY … PROGRAM, no SET ROLE to anyone else, no one else's query text", async () => {
    expect((await bypass("COPY users TO PROGRAM 'id'", { as: "owner" })).code).toBe("schema_access_denied");
    expect((await bypass("SET ROLE postgres", { as: "owner" })).code).toMatch(/schema_access_denied|query_failed/);
    const seen = await bypass("SELECT DISTINCT query FROM pg_stat_activity WHERE usename IS DISTINCT FROM session_user AND query <> ''");
    expect(seen.code).toBe("ok");
    for (const [q] of seen.rows as [string | null][]) expect(q === null || q === "<insufficient privilege>").toBe(true);
    expect(await users(other)).toBe(1);
  });

  it("current_setting('app.tenant_id') on the data plane's connection names no tenant: the control plane's RLS key is never set there", async () => {
    const r = await bypass("SELECT current_setting('app.tenant_id', true)");
    expect(r.code).toBe("ok");
    expect([null, ""]).toContain((r.rows as unknown[][])[0][0]);
  });
});
