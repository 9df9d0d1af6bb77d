import { beforeAll, describe, expect, it } from "vitest";
import * as tenantsRoute from "@/app/api/v1/tenants/route";
import * as tenantRoute from "@/app/api/v1/tenants/[id]/route";
import { systemCaller } from "@/lib/auth/caller";
import { changeTenantStatus } from "@/lib/tenants/change-tenant-status";
import { ingestUsageEvents } from "@/lib/usage/ingest-usage-events";
import { callRoute } from "../support/call-route";
import { makeApiKey, makeTenant, uniq } from "../support/fixtures";

let key: string;
const token = uniq("Qx");
let ids: Record<"alpha" | "bravo" | "charlie", string>;

beforeAll(async () => {
  key = await makeApiKey(["tenants:read"]);
  const [alpha, bravo, charlie] = await Promise.all([
    makeTenant({ name: `Alpha ${token}`, plan: "basic" }),
    makeTenant({ name: `Bravo ${token}`, plan: "professional" }),
    makeTenant({ name: `Charlie ${token}`, plan: "enterprise" }),
  ]);
  ids = { alpha: alpha.id, bravo: bravo.id, charlie: charlie.id };
  await changeTenantStatus(systemCaller("test"), charlie.id, "suspend", { reason: "unpaid" });
});

const list = (query: string) => callRoute(tenantsRoute.GET, { key, path: `/api/v1/tenants?${query}` });

describe("GET /api/v1/tenants", () => {
  it("searches by name, sorts and paginates with has_next/has_prev/total_pages", async () => {
    const p1 = await list(`search=${token}&sort=name&order=asc&page_size=2&page=1`);
    expect(p1.status).toBe(200);
    expect(p1.json.data.tenants.map((t: { id: string }) => t.id)).toEqual([ids.alpha, ids.bravo]);
    expect(p1.json.data.pagination).toEqual({ page: 1, page_size: 2, total_count: 3, total_pages: 2, has_next: true, has_prev: false, next_cursor: expect.any(String) });

    const p2 = await list(`search=${token}&sort=name&order=asc&page_size=2&page=2`);
    expect(p2.json.data.tenants.map((t: { id: string }) => t.id)).toEqual([ids.charlie]);
    expect(p2.json.data.pagination).toEqual({ page: 2, page_size: 2, total_count: 3, total_pages: 2, has_next: false, has_prev: true, next_cursor: null });

    const desc = await list(`search=${token}&sort=name&order=desc`);
    expect(desc.json.data.tenants.map((t: { id: string }) => t.id)).toEqual([ids.charlie, ids.bravo, ids.alpha]);
    expect(desc.json.data.pagination).toMatchObject({ page: 1, page_size: 50, total_pages: 1, has_next: false, has_prev: false });

    const beyond = await list(`search=${token}&page=5&page_size=2`);
    expect(beyond.json.data.tenants).toEqual([]);
    expect(beyond.json.data.pagination).toMatchObject({ page: 5, total_count: 3, total_pages: 2, has_next: false, has_prev: true });
  });

  it("search is case-insensitive and also matches the slug", async () => {
    const r = await list(`search=${token.toUpperCase()}`);
    expect(r.json.data.pagination.total_count).toBe(3);
    const bySlug = await callRoute(tenantRoute.GET, { key, path: `/api/v1/tenants/${ids.bravo}`, params: { id: ids.bravo } });
    const slug = bySlug.json.data.tenant.slug;
    const r2 = await list(`search=${encodeURIComponent(slug)}`);
    expect(r2.json.data.tenants.map((t: { id: string }) => t.id)).toEqual([ids.bravo]);
  });

  it("treats % and _ in the search as plain characters, not LIKE wildcards", async () => {
    // " Qx…" is in every name above: unescaped, "_Qx…" and "%Qx…" would match all three.
    expect((await list(`search=${encodeURIComponent(`_${token}`)}`)).json.data.pagination.total_count).toBe(0);
    expect((await list(`search=${encodeURIComponent(`%${token}`)}`)).json.data.pagination.total_count).toBe(0);
    expect((await list(`search=${encodeURIComponent(`a%o ${token}`)}`)).json.data.pagination.total_count).toBe(0);
    expect((await list(`search=${encodeURIComponent(`o ${token}`)}`)).json.data.tenants.map((t: { id: string }) => t.id)).toEqual([ids.bravo]);
    // ...and a literal % or backslash is still found.
    const other = uniq("Pct");
    const pct = await makeTenant({ name: `Up 100% \\ ${other}` });
    expect((await list(`search=${encodeURIComponent(`100% \\ ${other}`)}`)).json.data.tenants.map((t: { id: string }) => t.id)).toEqual([pct.id]);
  });

  it("filters by status and plan", async () => {
    const suspended = await list(`search=${token}&status=suspended`);
    expect(suspended.json.data.tenants.map((t: { id: string; status: string }) => [t.id, t.status])).toEqual([[ids.charlie, "suspended"]]);
    const active = await list(`search=${token}&status=active&sort=name&order=asc`);
    expect(active.json.data.tenants.map((t: { id: string }) => t.id)).toEqual([ids.alpha, ids.bravo]);
    const basic = await list(`search=${token}&plan=basic`);
    expect(basic.json.data.tenants.map((t: { id: string; plan: string }) => [t.id, t.plan])).toEqual([[ids.alpha, "basic"]]);
    const none = await list(`search=${token}&plan=enterprise&status=active`);
    expect(none.json.data.pagination).toMatchObject({ total_count: 0, total_pages: 1, has_next: false, has_prev: false });
  });

  it("gives each tenant its usage summary", async () => {
    const r = await list(`search=${token}&sort=name&order=asc`);
    const [alpha, , charlie] = r.json.data.tenants;
    expect(alpha.usage.users).toEqual({ current: 1, limit: 10, usage_percent: 10 });
    expect(alpha.usage.storage).toMatchObject({ current_gb: 0, limit_gb: 5 });
    expect(charlie.usage.users).toEqual({ current: 1, limit: null, usage_percent: null });
  });

  it.each([
    ["page=0", "page"],
    ["page_size=101", "page_size"],
    ["sort=password", "sort"],
    ["order=sideways", "order"],
    ["status=deleted", "status"],
    ["plan=gold", "plan"],
    ["colour=red", "colour"],
    ["page=1&page=2", "page"],
  ])("refuses %s naming %s", async (query, field) => {
    const r = await list(query);
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe("invalid_request");
    expect(r.json.error.details.map((d: { path: string }) => d.path)).toContain(field);
  });
});

describe("GET /api/v1/tenants/:id", () => {
  it("returns the tenant, usage current/limit/usage_percent, features, branding and an ETag", async () => {
    // As the sampler and the product would report them, through the one write path.
    const now = new Date();
    await ingestUsageEvents(
      [
        { id: "tb", meter: "table_bytes", value: 45.2 * 1024 ** 3 },
        { id: "calls", meter: "api_calls", value: 15420 },
        { id: "conns", meter: "db_connections", value: 5 },
      ].map((e) => ({ ...e, tenantId: ids.bravo, timestamp: now })),
    );
    const r = await callRoute(tenantRoute.GET, { key, path: `/api/v1/tenants/${ids.bravo}`, params: { id: ids.bravo } });
    expect(r.status).toBe(200);
    expect(r.headers.get("etag")).toMatch(/^W\/"tenant_[0-9a-f]{16}-\d+"$/);
    expect(r.headers.get("cache-control")).toBe("private, no-store");
    const d = r.json.data;
    expect(d.tenant).toMatchObject({ id: ids.bravo, name: `Bravo ${token}`, status: "active", plan: "professional" });
    expect(Date.parse(d.tenant.updated_at)).not.toBeNaN();
    expect(d.usage).toEqual({
      users: { current: 1, limit: 50, usage_percent: 2 },
      storage: { current_gb: 45.2, limit_gb: 100, usage_percent: 45.2 },
      api_calls: { current_daily: 15420, limit_daily: 120000, usage_percent: 12.9 },
      database_connections: { current: 5, limit: 25, usage_percent: 20 },
    });
    expect(d.features).toMatchObject({ api_access: true, advanced_analytics: true, sso_integration: false, audit_logs: false });
    expect(Object.values(d.features).every((v) => typeof v === "boolean")).toBe(true);
    expect(d.branding).toEqual({ logo_url: null, primary_color: "#4f46e5", secondary_color: "#64748b", company_name: `Bravo ${token}`, custom_css_applied: false });
    expect(d.provisioning.steps_completed).toHaveLength(5);
  });

  it("404 tenant_not_found for an unknown id", async () => {
    const r = await callRoute(tenantRoute.GET, { key, path: "/api/v1/tenants/tenant_0000000000000000", params: { id: "tenant_0000000000000000" } });
    expect(r.status).toBe(404);
    expect(r.json.error.code).toBe("tenant_not_found");
  });
});
