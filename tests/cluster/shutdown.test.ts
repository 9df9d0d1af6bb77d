import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { connect } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createPlatformApiKey } from "@/lib/auth/api-keys";
import { systemCaller } from "@/lib/auth/caller";
import { clusterPorts, startInstance, type Instance } from "../../scripts/lib/cluster";
import { hostRequest } from "../../scripts/lib/host-request";

// One production instance with real slow work in flight (SQL console requests and an export job,
// all waiting on a lock this test holds), then SIGTERM.
// base+6: base+10 would be the next engineer's base port in a shared machine's port plan.
const port = clusterPorts().base + 6;
const rootDomain = `localhost:${port}`;
let instance: Instance | undefined;
let owner: pg.Client;
let key: string;

const api = (path: string, o: { method?: string; body?: unknown } = {}) =>
  hostRequest(instance!.url, {
    host: rootDomain,
    path,
    method: o.method ?? "GET",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: o.body === undefined ? undefined : JSON.stringify(o.body),
  });

/** Requests and jobs blocked on the tenant's tables: the proof that they are really in flight. */
const waitingOn = async (schema: string) =>
  (
    await owner.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_locks l JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = $1 AND NOT l.granted",
      [schema],
    )
  ).rows[0].n;

beforeAll(async () => {
  owner = new pg.Client({ connectionString: inject("databaseUrl") });
  await owner.connect();
  key = (await createPlatformApiKey(systemCaller("cluster shutdown test"), { name: `shutdown-${randomBytes(3).toString("hex")}` })).key;
  instance = await startInstance({ name: "life-shutdown", port, databaseUrl: inject("databaseUrl"), rootDomain, env: { SHUTDOWN_TIMEOUT_SECONDS: "20", DATAPLANE_POOL_SIZE: "8", TRUSTED_PROXY_COUNT: "0", REQUIRE_STAFF_2FA: "false" } });
});

afterAll(async () => {
  await owner?.query("ROLLBACK").catch(() => undefined);
  await owner?.end();
  await instance?.kill9();
});

describe("SIGTERM on a production instance", () => {
  it("finishes the requests and the job in flight, answers readiness 503 meanwhile, refuses new connections, leaves no active job and exits 0", async () => {
    const slug = `drain-${randomBytes(3).toString("hex")}`;
    const created = await api("/api/v1/tenants", { method: "POST", body: { tenant: { name: "Drain Test", slug, admin_user: { email: `owner@${slug}.example`, name: "Owner" } } } });
    expect(created.status, created.body).toBe(201);
    const tenant = created.json<{ data: { tenant: { id: string; schema_name: string } } }>().data.tenant;

    // Everything below waits on these locks until the test lets go.
    await owner.query("BEGIN");
    await owner.query(`LOCK TABLE "${tenant.schema_name}".users, "${tenant.schema_name}".documents, "${tenant.schema_name}".activity_log IN ACCESS EXCLUSIVE MODE`);
    const queries = Array.from({ length: 2 }, () => api(`/api/v1/tenants/${tenant.id}/query`, { method: "POST", body: { query: "SELECT count(*) AS n FROM users", timeout_ms: 30_000 } }));
    const exportStarted = await api(`/api/v1/tenants/${tenant.id}/export`, { method: "POST" });
    expect(exportStarted.status, exportStarted.body).toBe(202);
    const exportJob = exportStarted.json<{ data: { job_id: string } }>().data.job_id;

    // A kept-alive connection busy with a slow request: a readiness probe pipelined on it during the drain is still answered.
    const socket = connect(port, "127.0.0.1");
    let raw = "";
    socket.setEncoding("utf8").on("data", (d: string) => (raw += d));
    const socketClosed = new Promise<void>((r) => socket.on("close", () => r()));
    const body = JSON.stringify({ query: "SELECT count(*) AS n FROM documents", timeout_ms: 30_000 });
    socket.write(`POST /api/v1/tenants/${tenant.id}/query HTTP/1.1\r\nHost: ${rootDomain}\r\nAuthorization: Bearer ${key}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);

    // 3 requests and the export's COPY, all blocked (each holds one of the tenant pool's connections).
    const deadline = Date.now() + 30_000;
    while ((await waitingOn(tenant.schema_name)) < 4) {
      if (Date.now() > deadline) {
        const activity = await owner.query("SELECT usename, state, wait_event_type, wait_event, left(query, 80) AS query FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'");
        throw new Error(`only ${await waitingOn(tenant.schema_name)} of 4 waiting on the locks: ${JSON.stringify(activity.rows)}`);
      }
      await sleep(100);
    }
    const active = await owner.query<{ state: string }>("SELECT state FROM pgboss.job WHERE name = 'atrium-exports' AND data->>'job_id' = $1", [exportJob]);
    expect(active.rows.map((r) => r.state)).toEqual(["active"]);

    const exitCode = instance!.stop("SIGTERM");
    await sleep(500);
    socket.write(`GET /api/health/ready HTTP/1.1\r\nHost: 10.0.0.5\r\n\r\n`);
    // The listening socket is closed: a new connection is refused.
    await expect(hostRequest(instance!.url, { host: rootDomain, path: "/api/health/live" })).rejects.toMatchObject({ code: "ECONNREFUSED" });
    await sleep(1_500);
    await owner.query("COMMIT");

    for (const r of await Promise.all(queries)) {
      expect(r.status, r.body).toBe(200);
      expect(r.json<{ data: { rows: unknown[] } }>().data.rows).toEqual([["0"]]);
      expect(r.headers.connection).toBe("close");
    }
    await socketClosed;
    const [slow, ready] = raw.split(/(?=HTTP\/1\.1 \d{3})/);
    expect(slow).toMatch(/^HTTP\/1\.1 200/);
    expect(ready).toMatch(/^HTTP\/1\.1 503/);
    expect(ready).toMatch(/^Connection: close/im);
    expect(ready).toContain('"draining":true');

    expect(await exitCode).toBe(0);
    // The export the worker held finished before the process went; nothing is left active.
    const job = await owner.query<{ state: string }>("SELECT state FROM pgboss.job WHERE name = 'atrium-exports' AND data->>'job_id' = $1", [exportJob]);
    expect(job.rows.map((r) => r.state)).toEqual(["completed"]);
    const exp = await owner.query<{ status: string }>("SELECT status FROM tenant_exports WHERE id = $1", [exportJob]);
    expect(exp.rows.map((r) => r.status)).toEqual(["completed"]);
    expect((await owner.query("SELECT name FROM pgboss.job WHERE state = 'active'")).rows).toEqual([]);

    const log = readFileSync(instance!.logFile, "utf8");
    expect(log).toMatch(/SIGTERM: draining/);
    expect(log).toMatch(/pg-boss worker: stopped/);
    expect(log).toMatch(/database pools: done/);
  });
});
