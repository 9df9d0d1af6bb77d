import { afterAll, describe, expect, it } from "vitest";
import * as movePlanRoute from "@/app/api/v1/plans/[key]/move-subscriptions/route";
import * as planRoute from "@/app/api/v1/plans/[key]/route";
import * as plansRoute from "@/app/api/v1/plans/route";
import { listPlans } from "@/lib/billing/plans/list-plans";
import { callRoute } from "../support/call-route";
import { ownerQuery } from "../support/db";
import { makeApiKey, makeTenant, staffCaller } from "../support/fixtures";

// The plan catalogue is versioned: an edit is a new version that new
// assignments take, while existing subscriptions keep their version, price,
// limits and features until moved. Edits go to Enterprise only and are put
// back at the end: other files' tenants read the catalogue at the same time.

type PlanBody = Record<string, unknown>;
let original: PlanBody;

const contentOf = (p: PlanBody): PlanBody => {
  const { name, price_monthly_cents, currency, limits, features, overage, add_on_prices, trial_days } = p;
  return { name, price_monthly_cents, currency, limits, features, overage, add_on_prices, trial_days };
};

afterAll(async () => {
  if (original) await callRoute(planRoute.PUT, { method: "PUT", path: "/api/v1/plans/enterprise", params: { key: "enterprise" }, key: await makeApiKey(), body: original });
});

describe("plan catalogue", () => {
  it("lists seed 003's plans; an edit makes a new version that new tenants take, old subscriptions keep theirs until moved", async () => {
    const key = await makeApiKey();
    const list = await callRoute(plansRoute.GET, { path: "/api/v1/plans", key });
    expect(list.status).toBe(200);
    expect(list.json.data.plans.map((p: PlanBody) => [p.key, p.name, p.price_monthly_cents])).toEqual([
      ["basic", "Basic", 2900],
      ["professional", "Professional", 9900],
      ["enterprise", "Enterprise", expect.any(Number)],
    ]);
    const enterprise = list.json.data.plans[2];
    original = contentOf(enterprise);

    const old = await makeTenant({ plan: "enterprise" });
    const edited = { ...original, name: "Enterprise Plus", price_monthly_cents: 59900, limits: { ...(original.limits as object), storage_gb: 2048 }, overage: { api_calls_per_1000_cents: 4, storage_gb_cents: 12 } };
    const put = await callRoute(planRoute.PUT, { method: "PUT", path: "/api/v1/plans/enterprise", params: { key: "enterprise" }, key, body: edited });
    expect(put.status).toBe(200);
    expect(put.json.data.plan).toMatchObject({ key: "enterprise", name: "Enterprise Plus", price_monthly_cents: 59900, version: enterprise.version + 1, current_version: enterprise.version + 1 });
    expect(put.json.data.plan.subscriptions_on_older_versions).toBeGreaterThanOrEqual(1);
    // The same content again saves nothing.
    const again = await callRoute(planRoute.PUT, { method: "PUT", path: "/api/v1/plans/enterprise", params: { key: "enterprise" }, key, body: edited });
    expect(again.json.data.plan.version).toBe(enterprise.version + 1);

    const fresh = await makeTenant({ plan: "enterprise" });
    const rows = await ownerQuery<{ id: string; plan_version: number; price_monthly_cents: number; storage: number }>(
      "SELECT t.id, s.plan_version, s.price_monthly_cents, (t.limits->>'storage_gb')::int AS storage FROM tenants t JOIN tenant_subscriptions s ON s.tenant_id = t.id WHERE t.id = ANY($1) ORDER BY t.created_at",
      [[old.id, fresh.id]],
    );
    expect(rows).toEqual([
      { id: old.id, plan_version: enterprise.version, price_monthly_cents: enterprise.price_monthly_cents, storage: 1024 },
      { id: fresh.id, plan_version: enterprise.version + 1, price_monthly_cents: 59900, storage: 2048 },
    ]);

    const moved = await callRoute(movePlanRoute.POST, { method: "POST", path: "/api/v1/plans/enterprise/move-subscriptions", params: { key: "enterprise" }, key });
    expect(moved.status).toBe(200);
    expect(moved.json.data.moved).toBeGreaterThanOrEqual(1);
    const [after] = await ownerQuery<{ plan_version: number; price_monthly_cents: number; storage: number }>(
      "SELECT s.plan_version, s.price_monthly_cents, (t.limits->>'storage_gb')::int AS storage FROM tenants t JOIN tenant_subscriptions s ON s.tenant_id = t.id WHERE t.id = $1",
      [old.id],
    );
    expect(after).toEqual({ plan_version: enterprise.version + 1, price_monthly_cents: 59900, storage: 2048 });
    const audit = await ownerQuery("SELECT action FROM audit_events WHERE tenant_id = $1 AND action = 'subscription.moved_to_current_version'", [old.id]);
    expect(audit).toHaveLength(1);
  });

  it("bad content is a 400 naming each field and saves nothing; only billing:manage edits, tenants:read reads", async () => {
    const key = await makeApiKey();
    const before = await ownerQuery("SELECT count(*)::int AS n FROM plan_versions");
    const base = contentOf((await callRoute(plansRoute.GET, { path: "/api/v1/plans", key })).json.data.plans[0]);
    const bad = await callRoute(planRoute.PUT, {
      method: "PUT",
      path: "/api/v1/plans/basic",
      params: { key: "basic" },
      key,
      body: { ...base, name: "", price_monthly_cents: 12.5, currency: "dollars", trial_days: -1, features: { ...(base.features as object), teleport: true } },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["currency", "features.teleport", "name", "price_monthly_cents", "trial_days"]);
    const unknown = await callRoute(planRoute.PUT, { method: "PUT", path: "/api/v1/plans/platinum", params: { key: "platinum" }, key, body: base });
    expect(unknown.status).toBe(404);
    expect(await ownerQuery("SELECT count(*)::int AS n FROM plan_versions")).toEqual(before);

    const reader = await makeApiKey(["tenants:read"]);
    expect((await callRoute(plansRoute.GET, { path: "/api/v1/plans", key: reader })).status).toBe(200);
    const refused = await callRoute(planRoute.PUT, { method: "PUT", path: "/api/v1/plans/basic", params: { key: "basic" }, key: reader, body: base });
    expect([refused.status, refused.json.error.code]).toEqual([403, "admin_privileges_required"]);
    expect(await listPlans(staffCaller("operator"))).toHaveLength(3);
  });
});
