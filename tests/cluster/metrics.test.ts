import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { hostRequest } from "../../scripts/lib/host-request";
import { sampleSum, samplesOf, type Sample } from "../support/prometheus-text";
import { createTenantThrough, mintPlatformKey, scrapeInstance } from "./support/observability-fixtures";
import { startTwoInstances, type TwoInstances } from "./support/two-instances";

const TOKEN = `metrics-${randomBytes(12).toString("hex")}`;
const ROUTE = "GET /api/v1/tenants/{id}";
const api200 = { kind: "api", method: "GET", route: ROUTE, status: "200" };

let cluster: TwoInstances;
let key: string;
let tenant: { id: string; slug: string };
beforeAll(async () => {
  cluster = await startTwoInstances({ env: { METRICS_TOKEN: TOKEN } });
  key = await mintPlatformKey();
  tenant = await createTenantThrough(cluster.a.url, cluster.rootDomain, key);
});
afterAll(async () => {
  await cluster?.stop();
});

const getTenant = (origin: string) => hostRequest(origin, { host: cluster.rootDomain, path: `/api/v1/tenants/${tenant.id}`, headers: { authorization: `Bearer ${key}` } });
const requests = (s: Sample[]) => sampleSum(s, "atrium_http_requests_total", api200);
const timed = (s: Sample[]) => sampleSum(s, "atrium_http_request_duration_seconds_count", { kind: "api", method: "GET", route: ROUTE, status_class: "2xx" });

async function databaseTenantCounts(): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
  try {
    const { rows } = await client.query<{ status: string; n: number }>("SELECT status, count(*)::int AS n FROM tenants GROUP BY status");
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  } finally {
    await client.end();
  }
}

describe("Prometheus metrics of two instances behind Caddy", () => {
  it("refuses a scrape without the token and answers one on the instance's bare address with it", async () => {
    const none = await hostRequest(cluster.a.url, { host: `127.0.0.1:${cluster.a.port}`, path: "/api/metrics" });
    expect(none.status).toBe(401);
    expect(none.headers["www-authenticate"]).toBe('Bearer realm="atrium-metrics"');
    const wrong = await hostRequest(cluster.b.url, { host: `127.0.0.1:${cluster.b.port}`, path: "/api/metrics", headers: { authorization: `Bearer ${TOKEN.slice(0, -1)}` } });
    expect(wrong.status).toBe(401);
    for (const instance of [cluster.a, cluster.b]) await scrapeInstance(instance.url, TOKEN);
  });

  it("counts and times requests on the instance that served them, and only there", async () => {
    const [a0, b0] = [(await scrapeInstance(cluster.a.url, TOKEN)).samples, (await scrapeInstance(cluster.b.url, TOKEN)).samples];
    for (let i = 0; i < 3; i++) expect((await getTenant(cluster.a.url)).status).toBe(200);
    const [a1, b1] = [(await scrapeInstance(cluster.a.url, TOKEN)).samples, (await scrapeInstance(cluster.b.url, TOKEN)).samples];
    expect([requests(a1) - requests(a0), requests(b1) - requests(b0)]).toEqual([3, 0]);
    expect([timed(a1) - timed(a0), timed(b1) - timed(b0)]).toEqual([3, 0]);

    for (let i = 0; i < 2; i++) expect((await getTenant(cluster.b.url)).status).toBe(200);
    const [a2, b2] = [(await scrapeInstance(cluster.a.url, TOKEN)).samples, (await scrapeInstance(cluster.b.url, TOKEN)).samples];
    expect([requests(a2) - requests(a1), requests(b2) - requests(b1)]).toEqual([0, 2]);
    expect([timed(a2) - timed(a1), timed(b2) - timed(b1)]).toEqual([0, 2]);

    // Through Caddy: round robin spreads them, and the two instances together counted each once.
    const viaCaddy = 6;
    for (let i = 0; i < viaCaddy; i++) {
      const res = await cluster.viaCaddy({ host: cluster.rootDomain, path: `/api/v1/tenants/${tenant.id}`, headers: { authorization: `Bearer ${key}` } });
      expect(res.status).toBe(200);
    }
    const [a3, b3] = [(await scrapeInstance(cluster.a.url, TOKEN)).samples, (await scrapeInstance(cluster.b.url, TOKEN)).samples];
    const [da, db] = [requests(a3) - requests(a2), requests(b3) - requests(b2)];
    expect(da + db).toBe(viaCaddy);
    expect(da, "Caddy sent none to A").toBeGreaterThan(0);
    expect(db, "Caddy sent none to B").toBeGreaterThan(0);
    expect(timed(a3) - timed(a2) + timed(b3) - timed(b2)).toBe(viaCaddy);
  });

  it("labels routes by template: the tenant's id and slug appear in no label", async () => {
    for (const instance of [cluster.a, cluster.b]) {
      const { text, samples } = await scrapeInstance(instance.url, TOKEN);
      expect(samplesOf(samples, "atrium_http_requests_total", { route: ROUTE }).length).toBeGreaterThan(0);
      expect(text).not.toContain(tenant.id);
      expect(text).not.toContain(tenant.slug);
      expect(samples.some((s) => s.labels.route?.includes("/api/metrics"))).toBe(false);
    }
  });

  it("reports pool usage, pg-boss queue depth and outbox backlogs on each instance", async () => {
    for (const instance of [cluster.a, cluster.b]) {
      const { samples } = await scrapeInstance(instance.url, TOKEN);
      expect(sampleSum(samples, "atrium_db_pool_connections", { pool: "app" }), instance.name).toBeGreaterThanOrEqual(1);
      expect(sampleSum(samples, "atrium_db_pool_max_connections", { pool: "app" })).toBe(10);
      expect(samplesOf(samples, "atrium_db_pool_waiting_clients").map((s) => s.labels.pool).sort()).toEqual(["app", "dataplane", "owner", "read"]);
      // Each instance's worker created Atrium's queues; every state is reported, 0 included.
      expect(samplesOf(samples, "atrium_job_queue_jobs", { queue: "atrium-maintenance" }).map((s) => s.labels.state).sort()).toEqual(["active", "created", "failed", "retry"]);
      expect(samplesOf(samples, "atrium_mail_outbox_backlog").map((s) => s.labels.status).sort()).toEqual(["failed", "pending", "retrying"]);
      expect(samplesOf(samples, "atrium_webhook_outbox_backlog").map((s) => s.labels.status).sort()).toEqual(["pending", "retrying"]);
      expect(sampleSum(samples, "atrium_metrics_database_up")).toBe(1);
      expect(sampleSum(samples, "process_resident_memory_bytes")).toBeGreaterThan(0);
      expect(samplesOf(samples, "nodejs_eventloop_lag_seconds").length).toBe(1);
    }
  });

  it("reports tenants by status as the database counts them, on both instances (snapshot at most 5 s old)", async () => {
    const expected = { provisioning: 0, active: 0, suspended: 0, archived: 0, pending_deletion: 0, ...(await databaseTenantCounts()) };
    expect(expected.active).toBeGreaterThanOrEqual(1);
    for (const instance of [cluster.a, cluster.b]) {
      let reported: Record<string, number> = {};
      // Each instance caches its database snapshot for 5 s: within 7 s it says what the database says.
      const deadline = Date.now() + 7_000;
      for (;;) {
        const { samples } = await scrapeInstance(instance.url, TOKEN);
        reported = Object.fromEntries(samplesOf(samples, "atrium_tenants").map((s) => [s.labels.status, s.value]));
        if (JSON.stringify(reported) === JSON.stringify(expected) || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(reported, instance.name).toEqual(expected);
    }
  });
});
