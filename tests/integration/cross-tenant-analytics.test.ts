import { beforeAll, describe, expect, it } from "vitest";
import * as crossRoute from "@/app/api/v1/analytics/cross-tenant/route";
import { systemCaller } from "@/lib/auth/caller";
import { getCrossTenantAnalytics } from "@/lib/analytics/get-cross-tenant-analytics";
import { recordTenantHealth } from "@/lib/health/record-tenant-health";
import { createTenantApiKey } from "@/lib/tenant-api-keys/create-tenant-api-key";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { dropTenantSchema } from "@/lib/tenants/tenant-schema";
import { ingestUsageEvents } from "@/lib/usage/ingest-usage-events";
import { callRoute } from "../support/call-route";
import { makeApiKey, makeTenant, staffCaller, uniq } from "../support/fixtures";

// Cross-tenant analytics over tenants made for this file (tenant_ids keeps
// other files' tenants out), with usage ingested through the one write path.

const DAY = 86_400_000;
const GiB = 1024 ** 3;
const NOW = new Date();
const daysAgo = (d: number) => new Date(NOW.getTime() - d * DAY);
let tenants: Awaited<ReturnType<typeof makeTenant>>[];
let ids: string;

beforeAll(async () => {
  tenants = [await makeTenant({ plan: "basic" }), await makeTenant({ plan: "professional" }), await makeTenant({ plan: "professional" })];
  ids = tenants.map((t) => t.id).join(",");
  let n = 0;
  const ev = (i: number, meter: string, value: number, timestamp: Date, properties?: Record<string, unknown>) => ({ id: `x${n++}`, tenantId: tenants[i].id, meter, value, timestamp, properties });
  await ingestUsageEvents([
    // This period (last 30 days) vs the previous one: tenant 0 doubles (100 → 200), tenant 1 halves (400 → 200), tenant 2 is new (0 → 50).
    ev(0, "api_calls", 200, daysAgo(1)),
    ev(0, "api_calls", 100, daysAgo(40)),
    ev(1, "api_calls", 200, daysAgo(2)),
    ev(1, "api_calls", 400, daysAgo(45)),
    ev(2, "api_calls", 50, daysAgo(3)),
    ev(1, "error", 4, daysAgo(2)),
    ev(0, "response_time_ms", 100, daysAgo(1)),
    ev(1, "response_time_ms", 300, daysAgo(1)),
    ev(0, "active_user", 1, daysAgo(1), { user_id: "a" }),
    ev(0, "active_user", 1, daysAgo(2), { user_id: "b" }),
    ev(1, "active_user", 1, daysAgo(1), { user_id: "a" }),
    ev(0, "storage_bytes", 2 * GiB, daysAgo(1)),
    ev(1, "storage_bytes", 10 * GiB, daysAgo(1)),
  ]);
  await dropTenantSchema(tenants[2].schemaName);
  await recordTenantHealth();
});

describe("GET /analytics/cross-tenant", () => {
  it("aggregates, segments, compares and judges platform health over the tenants asked for", async () => {
    const a = await getCrossTenantAnalytics(staffCaller("auditor"), { tenant_ids: ids, period: "30d", segment_by: "plan" });
    expect(a.tenants_included).toBe(3);
    expect(a.aggregated_metrics).toEqual({ total_users: 3, active_users: 3, total_storage_gb: 12, total_api_calls: 450, average_response_time_ms: 200, platform_uptime: expect.any(Number) });
    expect(a.segments).toEqual([
      { key: "basic", tenants: 1, total_users: 1, active_users: 2, total_storage_gb: 2, total_api_calls: 200 },
      { key: "professional", tenants: 2, total_users: 2, active_users: 1, total_storage_gb: 10, total_api_calls: 250 },
    ]);
    const byId = Object.fromEntries(a.tenant_comparison.map((r) => [r.tenant_id, r]));
    expect(byId[tenants[0].id]).toMatchObject({ api_calls: 200, growth_rate: 1, error_rate: 0, active_users: 2, storage_gb: 2, health_score: 100 });
    expect(byId[tenants[1].id]).toMatchObject({ api_calls: 200, growth_rate: -0.5, error_rate: 0.02 });
    expect(byId[tenants[2].id]).toMatchObject({ api_calls: 50, growth_rate: null, health_score: 75 });
    expect(a.platform_health).toMatchObject({ overall_status: "critical", health_distribution: { healthy: 2, degraded: 0, critical: 1, unknown: 0 }, error_rate: 0.0089 });
    expect(a.timeline).toHaveLength(30);
    expect(a.timeline.reduce((s, d) => s + d.api_calls, 0)).toBe(450);
    expect(a.timeline.at(-1)!.tenants).toBe(3);
  });

  it("sorts by a whitelisted field (ties by id, unknowns last) and pages without overlap", async () => {
    const call = (extra: Record<string, string>) => getCrossTenantAnalytics(staffCaller("admin"), { tenant_ids: ids, ...extra });
    const byGrowth = await call({ sort: "growth_rate", order: "desc" });
    expect(byGrowth.tenant_comparison.map((r) => r.growth_rate)).toEqual([1, -0.5, null]);
    const pages = [await call({ sort: "api_calls", order: "asc", page_size: "2", page: "1" }), await call({ sort: "api_calls", order: "asc", page_size: "2", page: "2" })];
    expect(pages[0].pagination).toMatchObject({ total_count: 3, total_pages: 2, has_next: true });
    const seen = pages.flatMap((p) => p.tenant_comparison.map((r) => r.tenant_id));
    expect(new Set(seen).size).toBe(3);
    expect(pages.flatMap((p) => p.tenant_comparison.map((r) => r.api_calls))).toEqual([50, 200, 200]);
    const only = await call({ metrics: "total_api_calls" });
    expect(only.aggregated_metrics).toEqual({ total_api_calls: 450 });
  });

  it("is for platform staff only; bad parameters answer 400 naming the field", async () => {
    const staffKey = await makeApiKey(["tenants:read"]);
    const path = (qs: string) => `/api/v1/analytics/cross-tenant${qs}`;
    const ok = await callRoute(crossRoute.GET, { path: path(`?tenant_ids=${ids}`), key: staffKey });
    expect([ok.status, ok.json.data.tenants_included]).toEqual([200, 3]);
    const noPerm = await callRoute(crossRoute.GET, { path: path(""), key: await makeApiKey(["audit:read"]) });
    expect(noPerm.status).toBe(403);
    // A tenant key, even on its own host with usage:read, is not staff.
    const { key } = await createTenantApiKey(platformActor(systemCaller("test")), tenants[0].id, { name: uniq("k"), permissions: ["usage:read"] });
    const tenantCall = await callRoute(crossRoute.GET, { path: path(""), key, headers: { host: `${tenants[0].slug}.localhost:3000` } });
    expect(tenantCall.status).toBe(403);
    for (const [qs, field] of [
      ["?sort=password", "sort"],
      ["?tenant_ids=tenant_zz", "tenant_ids"],
      ["?page_size=1000", "page_size"],
      ["?segment_by=region", "segment_by"],
    ]) {
      const r = await callRoute(crossRoute.GET, { path: path(qs), key: staffKey });
      expect([r.status, r.json.error.code], qs).toEqual([400, "invalid_request"]);
      expect(r.json.error.message, qs).toContain(field);
    }
  });

  it("answers 20 parallel requests, each with its own side-by-side reads, without an error", async () => {
    const staffKey = await makeApiKey(["tenants:read"]);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => callRoute(crossRoute.GET, { path: `/api/v1/analytics/cross-tenant?tenant_ids=${ids}&period=${["7d", "30d", "90d"][i % 3]}`, key: staffKey })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(new Set(answers.map((a) => a.json.data.tenants_included))).toEqual(new Set([3]));
  });
});
