import { describe, expect, it } from "vitest";
import * as usageRoute from "@/app/api/v1/tenants/[id]/usage/route";
import { systemCaller } from "@/lib/auth/caller";
import { usageQuerySchema, usageResponseSchema } from "@/lib/schemas/usage";
import { createTenantApiKey } from "@/lib/tenant-api-keys/create-tenant-api-key";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { getTenantUsage } from "@/lib/tenants/get-tenant-usage";
import { ingestUsageEvents } from "@/lib/usage/ingest-usage-events";
import { callRoute } from "../support/call-route";
import { makeApiKey, makeTenant, uniq } from "../support/fixtures";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const GB = 1024 ** 3;
const staff = platformActor(systemCaller("test"));
const q = (o: Record<string, string> = {}) => usageQuerySchema.parse(o);

type Ev = { meter: string; value: number; at: Date; properties?: Record<string, unknown> };
const ingest = (tenantId: string, events: Ev[]) =>
  ingestUsageEvents(events.map((e) => ({ id: uniq("ev_"), tenantId, meter: e.meter, value: e.value, timestamp: e.at, properties: e.properties })));

describe("GET /api/v1/tenants/:id/usage", () => {
  it("answers the period's figures from ingested events, equal to a hand count, with every unmeasured figure null and listed", async () => {
    const t = await makeTenant({ plan: "professional" });
    // Half past the current hour: every event below is in the past or in this hour.
    const now = new Date(Math.floor(Date.now() / HOUR) * HOUR + 30 * 60_000);
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const calls: Ev[] = [
      { meter: "api_calls", value: 100, at: ago(1 * HOUR) },
      { meter: "api_calls", value: 50, at: ago(2 * HOUR) },
      { meter: "api_calls", value: 999, at: ago(30 * HOUR) }, // before the period
    ];
    await ingest(t.id, [
      ...calls,
      { meter: "error", value: 3, at: ago(HOUR) },
      // Atrium's own calls, as its meter writes them: per status class, calls and their total ms.
      { meter: "atrium_api_calls", value: 10, at: ago(HOUR), properties: { status: "2xx" } },
      { meter: "atrium_api_duration_ms", value: 500, at: ago(HOUR), properties: { status: "2xx" } },
      { meter: "atrium_api_calls", value: 2, at: ago(HOUR), properties: { status: "5xx" } },
      { meter: "atrium_api_duration_ms", value: 200, at: ago(HOUR), properties: { status: "5xx" } },
      { meter: "response_time_ms", value: 100, at: ago(HOUR) },
      { meter: "response_time_ms", value: 200, at: ago(HOUR) },
      { meter: "bandwidth_bytes", value: 2 * GB, at: ago(3 * HOUR) },
      { meter: "files_uploaded", value: 7, at: ago(4 * HOUR) },
      { meter: "active_user", value: 1, at: ago(HOUR), properties: { user_id: "u1" } },
      { meter: "active_user", value: 1, at: ago(HOUR), properties: { user_id: "u2" } },
      { meter: "active_user", value: 1, at: ago(2 * HOUR), properties: { user_id: "u1" } },
      { meter: "active_user", value: 1, at: ago(50 * HOUR), properties: { user_id: "u3" } }, // another day, before the period
      { meter: "db_connections", value: 3, at: ago(5 * HOUR) },
      { meter: "db_connections", value: 7, at: ago(3 * HOUR) },
      { meter: "db_connections", value: 4, at: ago(10 * 60_000) },
      { meter: "storage_bytes", value: 1 * GB, at: ago(20 * HOUR) },
      { meter: "storage_bytes", value: 1.5 * GB, at: ago(10 * 60_000) },
      { meter: "index_bytes", value: 0.25 * GB, at: ago(10 * 60_000) },
    ]);

    const r = await getTenantUsage(staff, t.id, q({ period: "24h" }), now);
    expect(usageResponseSchema.parse(r)).toEqual(r);
    expect(r).toMatchObject({ period: "24h", tenant_id: t.id, from: ago(DAY).toISOString(), to: now.toISOString() });
    expect(r.usage.database).toEqual({
      connections: { current: 4, peak: 7, limit: 25, avg_response_time_ms: null },
      storage: { used_gb: 1.5, limit_gb: 100, growth_gb: 0.5, tables_count: 3, indexes_size_gb: 0.25 },
      queries: null,
    });
    expect(r.usage.storage).toEqual({ files_count: null, total_size_gb: null, uploads: 7, downloads: null, bandwidth_gb: 2 });
    // Errors: 3 reported + 2 answered 5xx over 150 + 12 calls; time: (100 + 200 + 500 + 200) ms over 2 + 12 calls.
    expect(r.usage.api).toEqual({ calls: 150, atrium_calls: 12, rate_limit_hits: null, avg_response_time_ms: 71.43, error_rate: 0.030864, unique_users: 2 });
    expect(r.usage.cache).toBeNull();
    expect([...r.unavailable_metrics].sort()).toEqual(
      ["api.rate_limit_hits", "cache", "database.connections.avg_response_time_ms", "database.queries", "storage.downloads", "storage.files_count", "storage.total_size_gb"].sort(),
    );
    // The limits block is the tenant page's own figures (loadUsage): today's calls, the newest samples.
    const today = Math.floor(Date.now() / DAY) * DAY;
    const callsToday = calls.filter((c) => c.at.getTime() >= today && c.at.getTime() < today + DAY).reduce((s, c) => s + c.value, 0);
    expect(r.limits.api_calls_daily).toEqual({ current: callsToday, limit: 120_000, percent: Math.round((callsToday / 120_000) * 1000) / 10 });
    expect(r.limits.database_connections).toMatchObject({ limit: 25 });
    expect(r.limits.users).toEqual({ current: 1, limit: 50, percent: 2 });
    expect(r.projections).toBeUndefined();

    const narrowed = await getTenantUsage(staff, t.id, q({ period: "24h", metrics: "api" }), now);
    expect(Object.keys(narrowed.usage)).toEqual(["api"]);
    expect(narrowed.unavailable_metrics).toEqual(["api.rate_limit_hits"]);
  });

  it("projects 30 days from least-squares lines over the period's daily points, with the fit, and says why when it cannot", async () => {
    const t = await makeTenant();
    const now = new Date(Math.floor(Date.now() / DAY) * DAY + 12 * HOUR);
    const origin = new Date(Math.floor((now.getTime() - 7 * DAY) / DAY) * DAY);
    const day = (x: number) => new Date(origin.getTime() + x * DAY + HOUR);
    await ingest(t.id, [
      // Members grow by 2 a day: 10 + 2x on days 1…7.
      ...[1, 2, 3, 4, 5, 6, 7].map((x) => ({ meter: "members", value: 10 + 2 * x, at: day(x) })),
      // 100 calls on each complete day (0…6); today's bucket is still filling and is left out.
      ...[0, 1, 2, 3, 4, 5, 6].map((x) => ({ meter: "api_calls", value: 100, at: day(x) })),
    ]);
    const r = await getTenantUsage(staff, t.id, q({ period: "7d", include_projections: "true" }), now);
    const p = r.projections!;
    expect(p.method).toBe("least_squares_linear");
    expect(p.fits.users).toMatchObject({ granularity: "day", points: 7, slope_per_day: 2, intercept: 10, r2: 1 });
    // Now is 7.5 days after the origin: 10 + 2 × 37.5.
    expect(p.users_30d_estimate).toBe(85);
    expect(p.fits.api_calls).toMatchObject({ points: 7, slope_per_day: 0, intercept: 100, r2: null });
    expect(p.api_calls_30d_estimate).toBe(3000);
    expect(p.storage_30d_estimate_gb).toBeNull();
    expect(p.fits.storage_gb).toMatchObject({ points: 0, estimate: null, reason: "Needs at least 3 daily points; the period has 0" });

    const hourly = await getTenantUsage(staff, t.id, q({ period: "1h", include_projections: "true" }), now);
    expect(hourly.projections!.fits.api_calls).toMatchObject({ granularity: "hour", estimate: null, reason: "Needs at least 3 hourly points; the period has 1" });
  });

  it("over HTTP: 400 naming the bad parameter, tenant keys with usage:read on their host, refused without it", async () => {
    const t = await makeTenant();
    const key = await makeApiKey(["tenants:read"]);
    const get = (query: string, k = key, host = "localhost:3000") => callRoute(usageRoute.GET, { key: k, path: `/api/v1/tenants/${t.id}/usage${query}`, params: { id: t.id }, headers: { host } });

    const ok = await get("?period=7d&include_projections=true");
    expect(ok.status).toBe(200);
    expect(usageResponseSchema.parse(ok.json.data).projections).toBeDefined();

    for (const [query, path, words] of [
      ["?metrics=api,bogus", "metrics", /'bogus'/],
      ["?period=2y", "period", /1h, 24h, 7d, 30d/],
      ["?include_projections=yes", "include_projections", /true or false/],
      ["?colour=blue", "colour", /Unknown/],
    ] as const) {
      const r = await get(query);
      expect(r.status, query).toBe(400);
      expect(r.json.error.details[0].path, query).toBe(path);
      expect(r.json.error.message, query).toMatch(words);
    }

    const host = `${t.slug}.localhost:3000`;
    const reader = (await createTenantApiKey(staff, t.id, { name: "usage", permissions: ["usage:read"] })).key;
    const other = (await createTenantApiKey(staff, t.id, { name: "members", permissions: ["members:read"] })).key;
    expect((await get("", reader, host)).status).toBe(200);
    const refused = await get("", other, host);
    expect(refused.status).toBe(403);
    expect(refused.json.error.details).toMatchObject({ permission: "usage:read" });
  });

  it("answers 20 parallel requests without a 500", async () => {
    const t = await makeTenant();
    const key = await makeApiKey(["tenants:read"]);
    const all = await Promise.all(
      Array.from({ length: 20 }, (_, i) => callRoute(usageRoute.GET, { key, path: `/api/v1/tenants/${t.id}/usage?period=${["1h", "24h", "7d", "30d"][i % 4]}&include_projections=true`, params: { id: t.id } })),
    );
    expect(all.filter((r) => r.status >= 500)).toEqual([]);
  });
});
