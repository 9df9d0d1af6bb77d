import { beforeAll, describe, expect, it } from "vitest";
import * as billingRoute from "@/app/api/v1/tenants/[id]/billing/route";
import * as addOnsRoute from "@/app/api/v1/tenants/[id]/subscription/add-ons/route";
import * as downgradeRoute from "@/app/api/v1/tenants/[id]/subscription/downgrade/route";
import * as subscriptionRoute from "@/app/api/v1/tenants/[id]/subscription/route";
import * as upgradeRoute from "@/app/api/v1/tenants/[id]/subscription/upgrade/route";
import * as quotasRoute from "@/app/api/v1/tenants/[id]/usage-quotas/route";
import { systemCaller } from "@/lib/auth/caller";
import { changePlan } from "@/lib/billing/subscriptions/change-plan";
import { getTenantSubscription } from "@/lib/billing/subscriptions/get-subscription";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { callRoute } from "../support/call-route";
import { ownerQuery } from "../support/db";
import { makeApiKey, makeTenant, staffCaller } from "../support/fixtures";
import { addMember, codeOf, memberActor } from "../support/tenant-members";

// Subscriptions (issue 14 §3): plan changes with a proration preview that
// writes nothing, downgrades refused over the lower plan's limits, add-ons
// raising the effective limits, and concurrent changes that end in one state.

const system = platformActor(systemCaller("test"));
let key: string;
beforeAll(async () => {
  key = await makeApiKey();
});

const post = (route: typeof upgradeRoute, dir: string, tenantId: string, body: unknown) =>
  callRoute(route.POST, { method: "POST", path: `/api/v1/tenants/${tenantId}/subscription/${dir}`, params: { id: tenantId }, key, body });

/** Everything a plan change may write, for "nothing was written" checks. */
async function footprint(tenantId: string) {
  const [row] = await ownerQuery(
    `SELECT t.plan, t.limits, t.features, t.version, s.plan_key, s.plan_version, s.price_monthly_cents, s.updated_at,
       (SELECT count(*)::int FROM audit_events WHERE tenant_id = $1) AS audit,
       (SELECT count(*)::int FROM billing_pending_charges WHERE tenant_id = $1) AS charges,
       (SELECT count(*)::int FROM webhook_messages WHERE event_tenant_id = $1) AS webhooks
     FROM tenants t JOIN tenant_subscriptions s ON s.tenant_id = t.id WHERE t.id = $1`,
    [tenantId],
  );
  return row;
}

describe("subscriptions", () => {
  it("new tenants get an active subscription on the plan's current version, in their currency", async () => {
    const t = await makeTenant({ plan: "basic" });
    const r = await callRoute(subscriptionRoute.GET, { path: `/api/v1/tenants/${t.id}/subscription`, params: { id: t.id }, key });
    expect(r.status).toBe(200);
    expect(r.json.data.subscription).toMatchObject({ plan: "basic", plan_version: 1, price_monthly_cents: 2900, currency: "USD", status: "active", add_ons: { extra_seats: 0, extra_storage_gb: 0 } });
  });

  it("a dry run answers the proration to the day and writes nothing; the change then writes exactly that", async () => {
    const t = await makeTenant({ plan: "basic" });
    const now = new Date("2027-01-16T10:30:00Z");
    // The tenant's period is this month (the real one); pin it to January 2027 for fixed figures.
    await ownerQuery("UPDATE tenant_subscriptions SET current_period_start = '2027-01-01T00:00:00Z', current_period_end = '2027-02-01T00:00:00Z' WHERE tenant_id = $1", [t.id]);
    const before = await footprint(t.id);
    const preview = await changePlan(system, t.id, { plan: "professional", dry_run: true }, "upgrade", now);
    expect(preview).toMatchObject({ dry_run: true, from_plan: "basic", to_plan: "professional", currency: "USD", total_cents: 3613, new_price_monthly_cents: 9900 });
    expect(preview.proration.map((l) => l.amount_cents)).toEqual([-1497, 5110]);
    expect(await footprint(t.id)).toEqual(before);

    const done = await changePlan(system, t.id, { plan: "professional" }, "upgrade", now);
    expect({ ...done, dry_run: true, subscription: null }).toEqual({ ...preview, subscription: null });
    const after = await footprint(t.id);
    expect(after).toMatchObject({ plan: "professional", plan_key: "professional", plan_version: 1, price_monthly_cents: 9900, charges: 2 });
    expect((after.limits as { users: number }).users).toBe(50);
    expect((after.features as { api_access: boolean }).api_access).toBe(true);
    const charges = await ownerQuery("SELECT kind, amount_cents, currency FROM billing_pending_charges WHERE tenant_id = $1 ORDER BY amount_cents", [t.id]);
    expect(charges).toEqual([
      { kind: "proration", amount_cents: -1497, currency: "USD" },
      { kind: "proration", amount_cents: 5110, currency: "USD" },
    ]);
    const events = await ownerQuery<{ after: { plan: string; proration_total_cents: number } }>("SELECT after FROM audit_events WHERE tenant_id = $1 AND action = 'subscription.changed'", [t.id]);
    expect(events.map((e) => [e.after.plan, e.after.proration_total_cents])).toEqual([["professional", 3613]]);

    // The same plan again changes nothing; the wrong direction is a 400 naming plan.
    expect((await changePlan(system, t.id, { plan: "professional" }, "upgrade", now)).proration).toEqual([]);
    const wrong = await post(upgradeRoute, "upgrade", t.id, { plan: "basic" });
    expect([wrong.status, wrong.json.error.code, wrong.json.error.details[0].path]).toEqual([400, "invalid_request", "plan"]);
  });

  it("bad input is a 400 naming the field and writes nothing", async () => {
    const t = await makeTenant({ plan: "basic" });
    const before = await footprint(t.id);
    for (const body of [{ plan: "platinum" }, { plan: "enterprise", dry_run: "yes" }, { plan: "enterprise", extra: 1 }, {}]) {
      const r = await post(upgradeRoute, "upgrade", t.id, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json.error.details.length).toBeGreaterThan(0);
    }
    const bad = await callRoute(addOnsRoute.PUT, { method: "PUT", path: `/api/v1/tenants/${t.id}/subscription/add-ons`, params: { id: t.id }, key, body: { extra_seats: -1, extra_storage_gb: 1.5 } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["extra_seats", "extra_storage_gb"]);
    expect(await footprint(t.id)).toEqual(before);
  });

  it("a downgrade below current usage is refused with 409 naming the limit, in the preview too; add-on seats make it fit", async () => {
    const t = await makeTenant({ plan: "professional" });
    // The owner plus 10 members: 11 active, Basic allows 10 users.
    for (let i = 0; i < 10; i++) await addMember(t.id, "member");
    const before = await footprint(t.id);
    for (const body of [{ plan: "basic", dry_run: true }, { plan: "basic" }]) {
      const r = await post(downgradeRoute, "downgrade", t.id, body);
      expect([r.status, r.json.error.code]).toEqual([409, "usage_exceeds_plan_limits"]);
      expect(r.json.error.details).toEqual([{ path: "users", message: "11 active members, Basic allows 10" }]);
      expect(r.json.error.message).toMatch(/users limit/);
    }
    expect(await footprint(t.id)).toEqual(before);

    const addOns = await callRoute(addOnsRoute.PUT, { method: "PUT", path: `/api/v1/tenants/${t.id}/subscription/add-ons`, params: { id: t.id }, key, body: { extra_seats: 2, extra_storage_gb: 10 } });
    expect(addOns.status).toBe(200);
    expect(addOns.json.data.subscription).toMatchObject({ add_ons: { extra_seats: 2, extra_storage_gb: 10 }, add_ons_monthly_cents: 2 * 200 + 10 * 20 });
    const down = await post(downgradeRoute, "downgrade", t.id, { plan: "basic" });
    expect(down.status).toBe(200);
    const [row] = await ownerQuery<{ limits: { users: number; storage_gb: number } }>("SELECT limits FROM tenants WHERE id = $1", [t.id]);
    expect([row.limits.users, row.limits.storage_gb]).toEqual([12, 15]);

    // Fewer seats than members in use: refused by name.
    const fewer = await callRoute(addOnsRoute.PUT, { method: "PUT", path: `/api/v1/tenants/${t.id}/subscription/add-ons`, params: { id: t.id }, key, body: { extra_seats: 0, extra_storage_gb: 10 } });
    expect([fewer.status, fewer.json.error.details[0].path]).toEqual([409, "users"]);
  });

  it("20 parallel upgrades: no 500, one change, one proration, one event", async () => {
    const t = await makeTenant({ plan: "basic" });
    const results = await Promise.all(Array.from({ length: 20 }, () => post(upgradeRoute, "upgrade", t.id, { plan: "enterprise" })));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    const changed = results.filter((r) => r.json.data.proration.length > 0);
    expect(changed).toHaveLength(1);
    const after = await footprint(t.id);
    expect(after).toMatchObject({ plan: "enterprise", plan_key: "enterprise", price_monthly_cents: 49900 });
    expect(after.charges).toBe(changed[0].json.data.proration.length);
    const [{ n }] = await ownerQuery<{ n: number }>("SELECT count(*)::int AS n FROM audit_events WHERE tenant_id = $1 AND action = 'subscription.changed'", [t.id]);
    expect(n).toBe(1);
  });

  it("billing and usage quotas: estimate with add-ons and pending charges; quotas are plan plus add-ons", async () => {
    const t = await makeTenant({ plan: "basic" });
    await callRoute(addOnsRoute.PUT, { method: "PUT", path: `/api/v1/tenants/${t.id}/subscription/add-ons`, params: { id: t.id }, key, body: { extra_seats: 3, extra_storage_gb: 0 } });
    const b = await callRoute(billingRoute.GET, { path: `/api/v1/tenants/${t.id}/billing`, params: { id: t.id }, key });
    expect(b.status).toBe(200);
    expect(b.json.data.next_invoice_estimate).toMatchObject({ currency: "USD", plan_cents: 2900, add_ons_cents: 900, pending_charges_cents: 0, total_cents: 3800 });
    expect(b.json.data.payment_provider).toEqual({ name: "manual", status: "manual" });
    const q = await callRoute(quotasRoute.GET, { path: `/api/v1/tenants/${t.id}/usage-quotas`, params: { id: t.id }, key });
    const users = q.json.data.quotas.find((x: { limit: string }) => x.limit === "users");
    expect(users).toEqual({ limit: "users", label: "Users", used: 1, limit_value: 13, add_on: 3, percent: 7.7 });
  });

  it("who may: owners and admins read and change; viewers are refused; operators read but do not change", async () => {
    const t = await makeTenant({ plan: "basic" });
    const admin = await addMember(t.id, "admin");
    const viewer = await addMember(t.id, "viewer");
    expect((await getTenantSubscription(memberActor(t.id, admin.id), t.id)).plan).toBe("basic");
    expect(await codeOf(getTenantSubscription(memberActor(t.id, viewer.id), t.id))).toBe("admin_privileges_required");
    expect(await codeOf(changePlan(memberActor(t.id, viewer.id), t.id, { plan: "professional", dry_run: true }, "upgrade"))).toBe("admin_privileges_required");
    const operator = platformActor(staffCaller("operator"));
    expect((await getTenantSubscription(operator, t.id)).plan).toBe("basic");
    expect(await codeOf(changePlan(operator, t.id, { plan: "professional" }, "upgrade"))).toBe("admin_privileges_required");
    expect((await changePlan(memberActor(t.id, admin.id), t.id, { plan: "professional" }, "upgrade")).to_plan).toBe("professional");
    const other = await makeTenant();
    expect(await codeOf(getTenantSubscription(memberActor(t.id, admin.id), other.id))).toBe("cross_tenant_access_denied");
  });
});
