import PgBoss from "pg-boss";
import { afterEach, describe, expect, it } from "vitest";
import * as metricsRoute from "@/app/api/metrics/route";
import * as tenantRoute from "@/app/api/v1/tenants/[id]/route";
import * as suspendRoute from "@/app/api/v1/tenants/[id]/suspend/route";
import { systemCaller } from "@/lib/auth/caller";
import { closePools } from "@/lib/db/pools";
import { withPlatformScope } from "@/lib/db/scope";
import { env } from "@/lib/env";
import { deliverPendingMail } from "@/lib/mail/deliver-pending-mail";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { databaseSnapshot, forgetDatabaseSnapshot } from "@/lib/observability/metrics/database-snapshot";
import { observeRequest } from "@/lib/observability/request-observation";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { resolveHost } from "@/lib/tenancy/resolve-host";
import { HOST_INDEPENDENT_PATHS } from "@/lib/tenancy/route-request";
import { createWebhookEndpoint } from "@/lib/webhooks/create-webhook-endpoint";
import { sendTestWebhook } from "@/lib/webhooks/send-test-webhook";
import { tenantOwner } from "@/lib/webhooks/webhook-scope";
import { callRoute } from "../support/call-route";
import { ownerQuery } from "../support/db";
import { makeApiKey, makeTenant, uniq } from "../support/fixtures";
import { isolateDatabase } from "../support/isolated-database";
import { familiesOf, parsePrometheus, sampleSum, samplesOf } from "../support/prometheus-text";

// Tenants by status, outbox backlogs and queue depth are compared with exact database counts: no other file may change them meanwhile.
isolateDatabase();

const TOKEN = `mt_${uniq("")}${uniq("")}`;
const scrapeRequest = (authorization?: string) =>
  new Request("http://10.0.0.5:3000/api/metrics", { headers: { host: "10.0.0.5:3000", ...(authorization ? { authorization } : {}) } });

async function scrape() {
  process.env.METRICS_TOKEN = TOKEN;
  const res = await metricsRoute.GET(scrapeRequest(`Bearer ${TOKEN}`));
  expect(res.status).toBe(200);
  const text = await res.text();
  return { text, samples: parsePrometheus(text) };
}

const byLabel = (samples: ReturnType<typeof parsePrometheus>, name: string, label: string) =>
  Object.fromEntries(samplesOf(samples, name).map((s) => [s.labels[label], s.value]));

afterEach(() => {
  delete process.env.METRICS_TOKEN;
});

describe("GET /api/metrics: access", () => {
  it("does not exist without METRICS_TOKEN (404); a missing or wrong bearer token is a 401 with WWW-Authenticate", async () => {
    delete process.env.METRICS_TOKEN;
    const off = await metricsRoute.GET(scrapeRequest(`Bearer ${TOKEN}`));
    expect(off.status).toBe(404);
    expect((await off.json()).error.code).toBe("not_found");

    process.env.METRICS_TOKEN = TOKEN;
    for (const [authorization, challenge] of [
      [undefined, 'Bearer realm="atrium-metrics"'],
      ["Basic dXNlcjpwYXNz", 'Bearer realm="atrium-metrics"'],
      [`Bearer ${TOKEN}x`, 'Bearer realm="atrium-metrics", error="invalid_token"'],
      [`Bearer ${TOKEN.slice(0, -1)}`, 'Bearer realm="atrium-metrics", error="invalid_token"'],
      ["Bearer ", 'Bearer realm="atrium-metrics"'],
    ] as const) {
      const res = await metricsRoute.GET(scrapeRequest(authorization));
      expect(res.status, String(authorization)).toBe(401);
      expect(res.headers.get("www-authenticate")).toBe(challenge);
      const body = await res.json();
      expect(body.error.code).toBe("authentication_required");
      expect(JSON.stringify(body)).not.toContain(TOKEN);
    }

    const ok = await metricsRoute.GET(scrapeRequest(`bearer ${TOKEN}`));
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(ok.headers.get("cache-control")).toBe("no-store");
  });

  it("is answered on any host, as the health probes are (the proxy does not resolve a tenant for it)", () => {
    expect(HOST_INDEPENDENT_PATHS.has("/api/metrics")).toBe(true);
  });

  it("declares every metric family, Node's process metrics included", async () => {
    const { text } = await scrape();
    const families = familiesOf(text);
    for (const name of [
      "atrium_http_requests_total",
      "atrium_http_request_duration_seconds",
      "atrium_db_pool_connections",
      "atrium_db_pool_idle_connections",
      "atrium_db_pool_waiting_clients",
      "atrium_db_pool_max_connections",
      "atrium_dataplane_pools",
      "atrium_host_cache_lookups_total",
      "atrium_tenants",
      "atrium_job_queue_jobs",
      "atrium_mail_outbox_backlog",
      "atrium_webhook_outbox_backlog",
      "atrium_metrics_database_up",
      "process_resident_memory_bytes",
      "process_cpu_seconds_total",
      "nodejs_heap_size_used_bytes",
      "nodejs_eventloop_lag_seconds",
      "nodejs_gc_duration_seconds",
    ]) {
      expect(families, name).toContain(name);
    }
  });
});

describe("GET /api/metrics: request metrics", () => {
  it("counts each API request by route template and status and times it by status class; no tenant id or slug in any label", async () => {
    const key = await makeApiKey();
    const t = await makeTenant();
    const route = "GET /api/v1/tenants/{id}";
    const before = (await scrape()).samples;

    expect((await callRoute(tenantRoute.GET, { key, path: `/api/v1/tenants/${t.id}`, params: { id: t.id } })).status).toBe(200);
    expect((await callRoute(tenantRoute.GET, { key, path: `/api/v1/tenants/${t.id}`, params: { id: t.id } })).status).toBe(200);
    expect((await callRoute(tenantRoute.GET, { key, path: "/api/v1/tenants/tnt_nope", params: { id: "tnt_nope" } })).status).toBe(404);
    expect((await callRoute(tenantRoute.GET, { path: `/api/v1/tenants/${t.id}`, params: { id: t.id } })).status).toBe(401);

    const { text, samples: after } = await scrape();
    const delta = (name: string, labels: Record<string, string>) => sampleSum(after, name, labels) - sampleSum(before, name, labels);
    const api = { kind: "api", method: "GET", route };
    expect(delta("atrium_http_requests_total", { ...api, status: "200" })).toBe(2);
    expect(delta("atrium_http_requests_total", { ...api, status: "404" })).toBe(1);
    expect(delta("atrium_http_requests_total", { ...api, status: "401" })).toBe(1);
    expect(delta("atrium_http_request_duration_seconds_count", { ...api, status_class: "2xx" })).toBe(2);
    expect(delta("atrium_http_request_duration_seconds_count", { ...api, status_class: "4xx" })).toBe(2);
    expect(delta("atrium_http_request_duration_seconds_bucket", { ...api, status_class: "2xx", le: "+Inf" })).toBe(2);
    // Buckets are cumulative and end at 10 s.
    const buckets = samplesOf(after, "atrium_http_request_duration_seconds_bucket", { ...api, status_class: "2xx" });
    expect(buckets.map((b) => b.labels.le)).toEqual(["0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"]);
    expect(buckets.map((b) => b.value)).toEqual([...buckets.map((b) => b.value)].sort((a, b) => a - b));
    expect(sampleSum(after, "atrium_http_request_duration_seconds_sum", { ...api, status_class: "2xx" })).toBeGreaterThan(sampleSum(before, "atrium_http_request_duration_seconds_sum", { ...api, status_class: "2xx" }));

    expect(text).not.toContain(t.id);
    expect(text).not.toContain(t.slug);
    // The scrapes themselves are no API requests.
    expect(after.some((s) => s.labels.route?.includes("/api/metrics"))).toBe(false);
  });

  it("counts what observeRequest reports, server actions under kind action", async () => {
    const before = (await scrape()).samples;
    for (const status of [200, 200, 400]) {
      observeRequest({ kind: "action", requestId: "req_test", method: "POST", route: "updateBranding", status, durationMs: 12, tenantId: "tnt_x", actor: { kind: "user", id: "usr_x" }, errorCode: null });
    }
    const after = (await scrape()).samples;
    const labels = { kind: "action", method: "POST", route: "updateBranding" };
    expect(sampleSum(after, "atrium_http_requests_total", { ...labels, status: "200" }) - sampleSum(before, "atrium_http_requests_total", { ...labels, status: "200" })).toBe(2);
    expect(sampleSum(after, "atrium_http_requests_total", { ...labels, status: "400" }) - sampleSum(before, "atrium_http_requests_total", { ...labels, status: "400" })).toBe(1);
    // 12 ms lands in the 0.025 bucket, not the 0.01 one.
    const le = (b: string) => sampleSum(after, "atrium_http_request_duration_seconds_bucket", { ...labels, status_class: "2xx", le: b }) - sampleSum(before, "atrium_http_request_duration_seconds_bucket", { ...labels, status_class: "2xx", le: b });
    expect([le("0.01"), le("0.025")]).toEqual([0, 2]);
  });
});

describe("GET /api/metrics: process and database gauges", () => {
  it("pool gauges read the process's pools; host-cache lookups count hits and misses", async () => {
    const t = await makeTenant();
    const before = (await scrape()).samples;
    await resolveHost(`${t.slug}.${env.rootDomain}`);
    await resolveHost(`${t.slug}.${env.rootDomain}`);
    await resolveHost(`${t.slug}.${env.rootDomain}`);
    const after = (await scrape()).samples;
    const delta = (result: string) => sampleSum(after, "atrium_host_cache_lookups_total", { result }) - sampleSum(before, "atrium_host_cache_lookups_total", { result });
    expect([delta("miss"), delta("hit")]).toEqual([1, 2]);

    expect(sampleSum(after, "atrium_db_pool_max_connections", { pool: "app" })).toBe(env.dbPoolSize);
    expect(sampleSum(after, "atrium_db_pool_connections", { pool: "app" })).toBeGreaterThanOrEqual(1);
    expect(sampleSum(after, "atrium_db_pool_connections", { pool: "owner" })).toBeGreaterThanOrEqual(1);
    expect(samplesOf(after, "atrium_db_pool_waiting_clients").map((s) => s.labels.pool).sort()).toEqual(["app", "dataplane", "owner", "read"]);
    expect(sampleSum(after, "process_resident_memory_bytes")).toBeGreaterThan(10 * 1024 * 1024);
    expect(sampleSum(after, "atrium_metrics_database_up")).toBe(1);
  });

  it("tenants by status, mail and webhook backlog and pg-boss queue depth are the database's counts", async () => {
    const key = await makeApiKey();
    const [a, b] = [await makeTenant(), await makeTenant()];
    const suspended = await callRoute(suspendRoute.POST, { method: "POST", key, path: `/api/v1/tenants/${b.id}/suspend`, params: { id: b.id }, body: { reason: "metrics test" } });
    expect(suspended.status).toBe(200);

    // Two mails waiting; one more whose first attempt fails (nothing listens on port 9): retrying.
    process.env.SMTP_URL = "smtp://127.0.0.1:9";
    try {
      const mail = (to: string) => ({ tenantId: a.id, to, subject: "metrics", html: "<p>x</p>", text: "x", kind: "notification" as const });
      await withPlatformScope((tx) => enqueueMail(tx, mail("one@example.com")));
      await withPlatformScope((tx) => enqueueMail(tx, mail("two@example.com")));
      const failing = await withPlatformScope((tx) => enqueueMail(tx, mail("three@example.com")));
      expect(await deliverPendingMail({ ids: [failing] })).toEqual({ sent: 0, failed: 1 });
    } finally {
      delete process.env.SMTP_URL;
    }

    // Two webhook messages no worker delivers in this process: pending.
    const owner = tenantOwner(platformActor(systemCaller("test")), a.id);
    const { endpoint } = await createWebhookEndpoint(owner, { url: "https://hooks.example.com/atrium", event_types: ["*"] });
    await sendTestWebhook(owner, endpoint.id);
    await sendTestWebhook(owner, endpoint.id);

    // A queue with three jobs nobody works.
    const boss = new PgBoss({ connectionString: env.databaseUrl, max: 1 });
    boss.on("error", () => undefined);
    await boss.start();
    const queue = `metrics-test-${uniq("")}`;
    try {
      await boss.createQueue(queue);
      for (let i = 0; i < 3; i++) await boss.send(queue, { i });
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }

    forgetDatabaseSnapshot();
    const { samples } = await scrape();

    const dbTenants = Object.fromEntries((await ownerQuery<{ status: string; n: number }>("SELECT status, count(*)::int AS n FROM tenants GROUP BY status")).map((r) => [r.status, r.n]));
    expect(dbTenants.suspended).toBeGreaterThanOrEqual(1);
    expect(byLabel(samples, "atrium_tenants", "status")).toEqual({ provisioning: 0, active: 0, suspended: 0, archived: 0, pending_deletion: 0, ...dbTenants });

    const mailRows = await ownerQuery<{ status: string; attempts: number }>("SELECT status, attempts FROM mail_outbox WHERE status IN ('pending', 'failed')");
    expect(byLabel(samples, "atrium_mail_outbox_backlog", "status")).toEqual({
      pending: mailRows.filter((r) => r.status === "pending").length,
      retrying: mailRows.filter((r) => r.status === "failed" && r.attempts < 5).length,
      failed: mailRows.filter((r) => r.status === "failed" && r.attempts >= 5).length,
    });
    expect(byLabel(samples, "atrium_mail_outbox_backlog", "status")).toMatchObject({ pending: 2, retrying: 1 });

    const [webhooks] = await ownerQuery<{ pending: number; retrying: number }>(
      "SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending, count(*) FILTER (WHERE status = 'retrying')::int AS retrying FROM webhook_messages",
    );
    expect(webhooks.pending).toBeGreaterThanOrEqual(2);
    expect(byLabel(samples, "atrium_webhook_outbox_backlog", "status")).toEqual(webhooks);

    expect(byLabel(samples.filter((s) => s.labels.queue === queue), "atrium_job_queue_jobs", "state")).toEqual({ created: 3, retry: 0, active: 0, failed: 0 });
  });

  it("takes the database snapshot at most once per 5 s: concurrent and close scrapes share one", async () => {
    forgetDatabaseSnapshot();
    const now = Date.now();
    const first = databaseSnapshot(now);
    expect(databaseSnapshot(now + 10)).toBe(first);
    expect(databaseSnapshot(now + 4_900)).toBe(first);
    const later = databaseSnapshot(now + 5_100);
    expect(later).not.toBe(first);
    await Promise.all([first, later]);
  });

  it("20 parallel scrapes all answer 200 and report the same database figures", async () => {
    forgetDatabaseSnapshot();
    process.env.METRICS_TOKEN = TOKEN;
    const responses = await Promise.all(Array.from({ length: 20 }, () => metricsRoute.GET(scrapeRequest(`Bearer ${TOKEN}`))));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    const bodies = await Promise.all(responses.map((r) => r.text()));
    const tenants = bodies.map((b) => JSON.stringify(samplesOf(parsePrometheus(b), "atrium_tenants")));
    expect(new Set(tenants).size).toBe(1);
  });

  it("still answers when the database does not: the database gauges are left out and atrium_metrics_database_up is 0", async () => {
    const url = process.env.DATABASE_URL!;
    await closePools();
    // Nothing listens on port 9: every connection is refused at once.
    process.env.DATABASE_URL = "postgresql://nobody@127.0.0.1:9/nothing";
    forgetDatabaseSnapshot();
    try {
      const { samples } = await scrape();
      expect(sampleSum(samples, "atrium_metrics_database_up")).toBe(0);
      expect(samplesOf(samples, "atrium_tenants")).toEqual([]);
      expect(samplesOf(samples, "atrium_job_queue_jobs")).toEqual([]);
      expect(sampleSum(samples, "process_resident_memory_bytes")).toBeGreaterThan(0);
    } finally {
      await closePools();
      process.env.DATABASE_URL = url;
      forgetDatabaseSnapshot();
    }
    expect(sampleSum((await scrape()).samples, "atrium_metrics_database_up")).toBe(1);
  });
});
