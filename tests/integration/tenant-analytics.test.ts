import { beforeAll, describe, expect, it } from "vitest";
import * as analyticsRoute from "@/app/api/v1/tenants/[id]/analytics/route";
import * as healthRoute from "@/app/api/v1/tenants/[id]/health/route";
import { systemCaller } from "@/lib/auth/caller";
import { getTenantAnalytics } from "@/lib/analytics/get-tenant-analytics";
import { recordTenantHealth } from "@/lib/health/record-tenant-health";
import { createTenantApiKey } from "@/lib/tenant-api-keys/create-tenant-api-key";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { ingestUsageEvents, type UsageEventInput } from "@/lib/usage/ingest-usage-events";
import { callRoute } from "../support/call-route";
import { ownerQuery } from "../support/db";
import { makeTenant, staffCaller, uniq } from "../support/fixtures";
import { addMember } from "../support/tenant-members";

// Analytics of a tenant whose usage went in through the one write path
// (ingestUsageEvents), checked against figures computed by hand below.

const DAY = 86_400_000;
const GiB = 1024 ** 3;
const today = new Date();
const midnight = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
const NOW = new Date(midnight + 12 * 3_600_000);
/** Day d of the 7-day period (0 = six days ago, 6 = today) at hh:mm UTC. */
const at = (d: number, hh: number, mm = 0) => new Date(midnight - (6 - d) * DAY + hh * 3_600_000 + mm * 60_000);

let tenant: Awaited<ReturnType<typeof makeTenant>>;
const actor = platformActor(staffCaller("auditor"));

beforeAll(async () => {
  tenant = await makeTenant();
  // The owner joined two months ago, a second member today: growth 1 → 2.
  await ownerQuery("UPDATE memberships SET joined_at = now() - interval '60 days' WHERE tenant_id = $1", [tenant.id]);
  await addMember(tenant.id, "member");
  let n = 0;
  const ev = (meter: string, value: number, timestamp: Date, properties?: Record<string, unknown>): UsageEventInput => ({ id: `e${n++}`, tenantId: tenant.id, meter, value, timestamp, properties });
  const events: UsageEventInput[] = [
    // API calls: 100, 110, … 150 on days 0–5 (an exact rise), 5 so far today.
    ...[0, 1, 2, 3, 4, 5].map((d) => ev("api_calls", 100 + 10 * d, at(d, 10))),
    ev("api_calls", 5, at(6, 0)),
    ev("error", 1, at(1, 11)),
    ev("error", 1, at(2, 11)),
    ev("response_time_ms", 100, at(2, 11)),
    ev("response_time_ms", 200, at(3, 11)),
    ev("response_time_ms", 300, at(4, 11)),
    // Sessions (30-minute gap rule): u1 20 min + 0, u2 25 min + 0, u3 0 → 45 / 5 = 9 minutes.
    ev("active_user", 1, at(5, 10, 0), { user_id: "u1" }),
    ev("active_user", 1, at(5, 10, 10), { user_id: "u1" }),
    ev("active_user", 1, at(5, 10, 20), { user_id: "u1" }),
    ev("active_user", 1, at(5, 12, 0), { user_id: "u1" }),
    ev("active_user", 1, at(4, 8, 0), { user_id: "u2" }),
    ev("active_user", 1, at(4, 8, 25), { user_id: "u2" }),
    ev("active_user", 1, at(5, 10, 5), { user_id: "u2" }),
    ev("active_user", 1, at(3, 9, 0), { user_id: "u3" }),
    // The previous 7 days: u1 and u4 → u1 came back, u4 did not: retention 1/2.
    ev("active_user", 1, at(-3, 9), { user_id: "u1" }),
    ev("active_user", 1, at(-3, 9), { user_id: "u4" }),
    // Features: reports by u1 and u2 (2 of 3 active), export by u3 (1 of 3).
    ev("feature_used", 1, at(5, 10), { feature: "reports", user_id: "u1" }),
    ev("feature_used", 1, at(5, 10), { feature: "reports", user_id: "u2" }),
    ev("feature_used", 1, at(3, 9), { feature: "export", user_id: "u3" }),
    // Storage samples: 1 GiB on day 0, 3 GiB on day 5.
    ev("storage_bytes", GiB, at(0, 1)),
    ev("storage_bytes", 3 * GiB, at(5, 1)),
  ];
  await ingestUsageEvents(events);
  await recordTenantHealth(NOW);
});

describe("GET /tenants/{id}/analytics", () => {
  it("computes every figure as by hand over the last 7 UTC days", async () => {
    const a = await getTenantAnalytics(actor, tenant.id, { period: "7d" }, NOW);
    expect(a.from).toBe(new Date(midnight - 6 * DAY).toISOString());
    expect(a.analytics.user_metrics).toEqual({
      total_users: 2,
      active_users_30d: 4,
      new_users_30d: 1,
      user_retention_rate: 0.5,
      avg_session_duration_minutes: 9,
      user_growth_rate: 1,
    });
    expect(a.analytics.usage_metrics).toEqual({
      api_calls_total: 755,
      api_calls_per_day_avg: 107.86,
      atrium_api_calls_total: 0,
      bandwidth_bytes_total: 0,
      files_uploaded_total: 0,
      storage_bytes_current: 3 * GiB,
      storage_growth_gb: 2,
      peak_concurrent_users: 2,
      avg_response_time_ms: 200,
    });
    expect(a.analytics.feature_adoption).toEqual({ export: 0.3333, reports: 0.6667 });
    expect(a.analytics.performance_metrics).toEqual({
      uptime_percentage: 100,
      error_rate: 0.0026,
      avg_response_time_ms: 200,
      atrium_avg_response_time_ms: null,
      cache_hit_rate: null,
      database_query_avg_ms: null,
    });
    expect(a.unavailable_metrics).toEqual(["performance_metrics.atrium_avg_response_time_ms", "performance_metrics.cache_hit_rate", "performance_metrics.database_query_avg_ms"]);
  });

  it("classifies trends by slope significance over complete days", async () => {
    const a = await getTenantAnalytics(actor, tenant.id, { period: "7d", metrics: "trends" }, NOW);
    expect(a.trends).toMatchObject({ api_usage: "increasing", storage_usage: "steady" });
    // Calls rose by exactly 10 a day on the six complete days (today's 5 so far is left out).
    expect(a.trends!.details.api_usage).toMatchObject({ slope_per_day: 10, points: 6 });
    expect(a.trends!.details.storage_usage).toMatchObject({ points: 2, reason: expect.stringContaining("at least 3") });
    expect(a.analytics).toEqual({});
  });

  it("returns the segment's daily series", async () => {
    const a = await getTenantAnalytics(actor, tenant.id, { period: "7d", segment: "api", metrics: "usage_metrics" }, NOW);
    expect(a.segment).toEqual({ name: "api", unit: "calls", series: [100, 110, 120, 130, 140, 150, 5].map((value, d) => ({ date: at(d, 0).toISOString().slice(0, 10), value })) });
    const users = await getTenantAnalytics(actor, tenant.id, { period: "7d", segment: "users", metrics: "usage_metrics" }, NOW);
    expect(users.segment!.series.map((p) => p.value)).toEqual([0, 0, 0, 1, 1, 2, 0]);
  });

  it("refuses bad parameters with a 400 naming the field, through the route", async () => {
    const { key } = await createTenantApiKey(platformActor(systemCaller("test")), tenant.id, { name: uniq("k"), permissions: ["usage:read"] });
    const host = { host: `${tenant.slug}.localhost:3000` };
    const call = (qs: string) => callRoute(analyticsRoute.GET, { path: `/api/v1/tenants/${tenant.id}/analytics${qs}`, params: { id: tenant.id }, key, headers: host });
    const ok = await call("?period=30d");
    expect([ok.status, ok.json.data.analytics.usage_metrics.api_calls_total]).toEqual([200, 755]);
    for (const [qs, field] of [
      ["?period=1y", "period"],
      ["?metrics=user_metrics,bogus", "metrics"],
      ["?segment=money", "segment"],
      ["?colour=red", "colour"],
    ]) {
      const r = await call(qs);
      expect([r.status, r.json.error.code], qs).toEqual([400, "invalid_request"]);
      expect(r.json.error.message, qs).toContain(field);
    }
  });

  it("needs usage:read: a tenant key without it is refused, another tenant's key too", async () => {
    const { key } = await createTenantApiKey(platformActor(systemCaller("test")), tenant.id, { name: uniq("k"), permissions: ["members:read"] });
    const r = await callRoute(analyticsRoute.GET, { path: `/api/v1/tenants/${tenant.id}/analytics`, params: { id: tenant.id }, key, headers: { host: `${tenant.slug}.localhost:3000` } });
    expect(r.status).toBe(403);
    const other = await makeTenant();
    const { key: otherKey } = await createTenantApiKey(platformActor(systemCaller("test")), other.id, { name: uniq("k"), permissions: ["usage:read"] });
    const x = await callRoute(analyticsRoute.GET, { path: `/api/v1/tenants/${tenant.id}/analytics`, params: { id: tenant.id }, key: otherKey, headers: { host: `${other.slug}.localhost:3000` } });
    expect(x.status).toBe(403);
  });

  it("answers 20 parallel requests (analytics and health alike) without an error", async () => {
    const { key } = await createTenantApiKey(platformActor(systemCaller("test")), tenant.id, { name: uniq("k"), permissions: ["usage:read"] });
    const headers = { host: `${tenant.slug}.localhost:3000` };
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2
          ? callRoute(analyticsRoute.GET, { path: `/api/v1/tenants/${tenant.id}/analytics?period=90d&segment=users`, params: { id: tenant.id }, key, headers })
          : callRoute(healthRoute.GET, { path: `/api/v1/tenants/${tenant.id}/health`, params: { id: tenant.id }, key, headers }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
  });

  it("counts Atrium's own calls: their 5xx answers in the error rate, their durations in Atrium's response time", async () => {
    const t = await makeTenant();
    const ev = (meter: string, value: number, properties?: Record<string, unknown>): UsageEventInput => ({ id: uniq("e"), tenantId: t.id, meter, value, timestamp: at(3, 10), properties });
    await ingestUsageEvents([
      ev("api_calls", 100),
      ev("error", 5),
      ev("atrium_api_calls", 50, { status: "2xx" }),
      ev("atrium_api_calls", 10, { status: "5xx" }),
      ev("atrium_api_duration_ms", 20, { status: "2xx" }),
      ev("atrium_api_duration_ms", 40, { status: "5xx" }),
    ]);
    const a = await getTenantAnalytics(actor, t.id, { period: "7d", metrics: "performance_metrics,usage_metrics" }, NOW);
    // (5 reported errors + 10 Atrium 5xx) / (100 reported + 60 Atrium calls) = 0.09375.
    expect(a.analytics.performance_metrics).toMatchObject({ error_rate: 0.0938, atrium_avg_response_time_ms: 30, avg_response_time_ms: null });
    expect(a.analytics.usage_metrics).toMatchObject({ api_calls_total: 100, atrium_api_calls_total: 60 });
  });
});
