import { describe, expect, it } from "vitest";
import * as tenantRoute from "@/app/api/v1/tenants/[id]/route";
import { PLAN_DEFINITIONS } from "@/lib/tenants/plans";
import { callRoute } from "../support/call-route";
import { makeApiKey, makeTenant, uniq } from "../support/fixtures";
import { auditEvents, ownerQuery, tenantRow } from "../support/db";

let keyPromise: Promise<string> | undefined;
const key = () => (keyPromise ??= makeApiKey());

const get = async (id: string) => callRoute(tenantRoute.GET, { key: await key(), path: `/api/v1/tenants/${id}`, params: { id } });
const put = async (id: string, body: unknown, headers: Record<string, string> = {}) =>
  callRoute(tenantRoute.PUT, { method: "PUT", key: await key(), path: `/api/v1/tenants/${id}`, params: { id }, body, headers });

describe("PUT /api/v1/tenants/:id", () => {
  it("applies seed 000's example and answers with changes_applied", async () => {
    const t = await makeTenant({ plan: "professional" });
    const res = await put(t.id, {
      settings: { timezone: "Europe/London", locale: "en-GB", currency: "GBP" },
      limits: { users: 2000, storage_gb: 200, api_calls_per_day: 200000 },
      features: { advanced_analytics: true, custom_integrations: true, sso_integration: true },
    });
    expect(res.status).toBe(200);
    expect(res.json.data.tenant.id).toBe(t.id);
    expect(Date.parse(res.json.data.tenant.updated_at)).toBeGreaterThanOrEqual(t.updatedAt.getTime());
    expect(res.json.data.restart_required).toBe(false);
    expect(res.json.data.changes_applied).toEqual(expect.arrayContaining(["timezone_updated", "locale_updated", "currency_updated", "limits_increased", "features_enabled"]));
    expect(res.json.data.changes_applied).not.toContain("limits_decreased");
    expect(res.json.data.changes_applied).not.toContain("plan_changed");

    const got = await get(t.id);
    expect(got.json.data.settings).toMatchObject({ timezone: "Europe/London", locale: "en-GB", currency: "GBP", date_format: "%Y-%m-%d" });
    expect(got.json.data.limits).toMatchObject({ users: 2000, storage_gb: 200, api_calls_per_day: 200000, database_connections: 25 });
    expect(got.json.data.features).toMatchObject({ advanced_analytics: true, custom_integrations: true, sso_integration: true, api_access: true });
    expect(got.headers.get("etag")).toBe(res.headers.get("etag"));
  });

  it("reports plan_changed, limits_decreased and features_disabled on a downgrade and resets to the plan's defaults", async () => {
    const t = await makeTenant({ plan: "enterprise" });
    const res = await put(t.id, { plan: "basic" });
    expect(res.status).toBe(200);
    expect(res.json.data.changes_applied).toEqual(expect.arrayContaining(["plan_changed", "limits_decreased", "features_disabled"]));
    const got = await get(t.id);
    expect(got.json.data.tenant.plan).toBe("basic");
    expect(got.json.data.limits).toEqual(PLAN_DEFINITIONS.basic.limits);
    expect(got.json.data.features).toEqual(PLAN_DEFINITIONS.basic.features);
  });

  it("reports name, domain and branding changes; an unchanged PUT changes nothing", async () => {
    const t = await makeTenant();
    const domain = `${uniq("p")}.example.org`;
    const res = await put(t.id, { name: "Renamed Co", domain, branding: { primary_color: "#112233" } });
    expect(res.json.data.changes_applied.sort()).toEqual(["branding_updated", "domain_updated", "name_updated"]);
    const etag = res.headers.get("etag");
    const again = await put(t.id, { name: "Renamed Co", domain });
    expect(again.status).toBe(200);
    expect(again.json.data.changes_applied).toEqual([]);
    expect(again.headers.get("etag")).toBe(etag);
  });

  it("If-Match: a stale ETag → 412 precondition_failed and nothing changes; the current one → 200", async () => {
    const t = await makeTenant();
    const first = await get(t.id);
    const stale = first.headers.get("etag")!;
    expect((await put(t.id, { name: "Changed Once" }, { "if-match": stale })).status).toBe(200);

    const refused = await put(t.id, { name: "Lost Update" }, { "if-match": stale });
    expect(refused.status).toBe(412);
    expect(refused.json.error.code).toBe("precondition_failed");
    expect((await tenantRow(t.id))!.name).toBe("Changed Once");

    const current = (await get(t.id)).headers.get("etag")!;
    expect(current).not.toBe(stale);
    const ok = await put(t.id, { name: "Changed Twice" }, { "if-match": current });
    expect(ok.status).toBe(200);
    expect((await tenantRow(t.id))!.name).toBe("Changed Twice");
    expect((await put(t.id, { name: "Any Version" }, { "if-match": "*" })).status).toBe(200);
  });

  it("of two concurrent PUTs with the same If-Match, exactly one wins; the other gets 412", async () => {
    const t = await makeTenant();
    const etag = (await get(t.id)).headers.get("etag")!;
    const results = await Promise.all(["First Writer", "Second Writer", "Third Writer"].map((name) => put(t.id, { name }, { "if-match": etag })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 412, 412]);
    const winner = ["First Writer", "Second Writer", "Third Writer"][results.findIndex((r) => r.status === 200)];
    expect((await tenantRow(t.id))!.name).toBe(winner);
    expect(await auditEvents(t.id, "tenant.updated")).toHaveLength(1);
  });

  it("writes a tenant.updated audit event with before and after", async () => {
    const t = await makeTenant({ plan: "professional" });
    await put(t.id, { settings: { timezone: "Asia/Tokyo" }, limits: { users: 75 } }, { "x-atrium-client-ip": "198.51.100.4", "user-agent": "update-test/1.0" });
    const [event] = await auditEvents(t.id, "tenant.updated");
    expect(event).toBeDefined();
    expect(event.actor_type).toBe("api_key");
    expect(event.target_type).toBe("tenant");
    expect(event.tenant_id).toBe(t.id);
    expect(event.before).toMatchObject({ settings: { timezone: "UTC" }, limits: { users: 50 } });
    expect(event.after).toMatchObject({ settings: { timezone: "Asia/Tokyo" }, limits: { users: 75 } });
    expect(event.after!.changes_applied).toEqual(expect.arrayContaining(["timezone_updated", "limits_increased"]));
    expect(Object.keys(event.before!).sort()).toEqual(["limits", "settings"]);
    expect(event.ip).toBe("198.51.100.4");
    expect(event.user_agent).toBe("update-test/1.0");
  });

  it("refuses bad input naming the field, and limits above the maximum", async () => {
    const t = await makeTenant();
    const bad = await put(t.id, { settings: { timezone: 5 }, colour: "red" });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe("invalid_tenant_config");
    expect(bad.json.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["colour", "settings.timezone"]);
    const empty = await put(t.id, {});
    expect(empty.status).toBe(400);
    const over = await put(t.id, { limits: { users: 5_000_000 } });
    expect(over.status).toBe(400);
    expect(over.json.error.code).toBe("limits_exceeded");
    expect(over.json.error.details.map((d: { path: string }) => d.path)).toEqual(["limits.users"]);
    expect((await auditEvents(t.id, "tenant.updated"))).toHaveLength(0);
  });

  it("a domain another tenant has verified → 400 domain_already_used naming the field", async () => {
    const [a, b] = await Promise.all([makeTenant(), makeTenant()]);
    const domain = `${uniq("d")}.example.net`;
    expect((await put(a.id, { domain })).status).toBe(200);
    // Pending at A is no claim: B may list it too.
    expect((await put(b.id, { domain })).status).toBe(200);
    await ownerQuery("UPDATE tenant_domains SET status = 'verified' WHERE tenant_id = $1 AND domain = $2", [a.id, domain]);
    const c = await makeTenant();
    const r = await put(c.id, { domain });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe("domain_already_used");
    expect(r.json.error.details).toEqual([{ path: "domain", message: expect.any(String) }]);
  });

  it("404 for an unknown tenant", async () => {
    const r = await put("tenant_ffffffffffffffff", { name: "Nobody" });
    expect(r.status).toBe(404);
    expect(r.json.error.code).toBe("tenant_not_found");
  });
});
