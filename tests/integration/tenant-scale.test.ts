import { describe, expect, it } from "vitest";
import * as scaleRoute from "@/app/api/v1/tenants/[id]/scale/route";
import { systemCaller } from "@/lib/auth/caller";
import { applyDueScalings } from "@/lib/tenants/scale-tenant";
import { isConnectionLimitError, tenantDbRoleName, withTenantRoleConnection } from "@/lib/tenants/tenant-db-role";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { createWebhookEndpoint } from "@/lib/webhooks/create-webhook-endpoint";
import { tenantOwner } from "@/lib/webhooks/webhook-scope";
import { callRoute } from "../support/call-route";
import { makeApiKey, makeTenant, uniq } from "../support/fixtures";
import { auditEvents, ownerQuery, tenantRow } from "../support/db";

let keyPromise: Promise<string> | undefined;
const key = () => (keyPromise ??= makeApiKey());
const scale = async (id: string, body: unknown, headers: Record<string, string> = {}, k?: string) =>
  callRoute(scaleRoute.POST, { method: "POST", key: k ?? (await key()), path: `/api/v1/tenants/${id}/scale`, params: { id }, body, headers });
const connLimit = async (tenantId: string) => (await ownerQuery<{ rolconnlimit: number }>("SELECT rolconnlimit FROM pg_roles WHERE rolname = $1", [tenantDbRoleName(tenantId)]))[0].rolconnlimit;
const scalings = (tenantId: string) => ownerQuery<{ id: string; status: string }>("SELECT id, status FROM tenant_scalings WHERE tenant_id = $1", [tenantId]);
const messages = (tenantId: string) => ownerQuery<{ event_type: string }>("SELECT event_type FROM webhook_messages WHERE tenant_id = $1 AND event_type LIKE 'resources.%'", [tenantId]);
const scaleMails = (tenantId: string) => ownerQuery<{ to_address: string; text: string }>("SELECT to_address, text FROM mail_outbox WHERE tenant_id = $1 AND kind = 'resources_scaled'", [tenantId]);
const subscribe = (tenantId: string) => createWebhookEndpoint(tenantOwner(platformActor(systemCaller("test")), tenantId), { url: "https://hooks.example.com/atrium", event_types: ["resources.*"] });

describe("POST /api/v1/tenants/:id/scale", () => {
  it("immediate: applies every step now (CONNECTION LIMIT on the role, limits on the tenant), prices the add-ons, audits and publishes resources.scaled", async () => {
    const t = await makeTenant({ plan: "professional" });
    await subscribe(t.id);
    const res = await scale(t.id, { target_limits: { users: 60, storage_gb: 150, api_calls_per_day: 130_000, database_connections: 30 }, scale_strategy: "immediate", billing_approval: true });
    expect(res.status).toBe(200);
    const d = res.json.data;
    expect(d).toMatchObject({ status: "completed", scale_strategy: "immediate", scheduled_at: null });
    expect(d.current_limits).toEqual({ users: 50, storage_gb: 100, api_calls_per_day: 120_000, database_connections: 25 });
    expect(d.steps.map((s: { name: string; status: string }) => `${s.name}:${s.status}`)).toEqual(["database_connection_pool:completed", "storage_quota_update:completed", "api_limit_update:completed", "seat_limit_update:completed"]);
    for (const s of d.steps) expect(Date.parse(s.completed_at)).toBeGreaterThan(0);
    // Professional includes 50 users, 100 GB, 120,000 calls/day, 25 connections: 10×$2 + 50×$0.20 + 10×$0.50 + 5×$1 = $40.
    expect(d.billing_impact.additional_cost_monthly).toBe(40);
    expect(d.billing_impact.prorated_today).toBeGreaterThan(0);
    expect(d.billing_impact.prorated_today).toBeLessThanOrEqual(40);
    expect(d.billing_impact.next_billing_date).toMatch(/-01T00:00:00.000Z$/);

    expect(await connLimit(t.id)).toBe(30);
    expect((await tenantRow(t.id))!.limits).toMatchObject({ users: 60, storage_gb: 150, api_calls_per_day: 130_000, database_connections: 30, bandwidth_gb: 500 });
    const [audit] = await auditEvents(t.id, "resources.scaled");
    expect(audit).toBeDefined();
    expect(await messages(t.id)).toEqual([{ event_type: "resources.scaled" }]);
    // notify_admin by default: the owner is told what changed, in the scaling's transaction.
    expect(d.notifications_queued).toBe(1);
    const [mail] = await scaleMails(t.id);
    expect(mail.to_address).toMatch(/^owner@/);
    expect(mail.text).toContain("Database connections: 25 → 30");
    expect(mail.text).toContain("rises by $40.00");
  });

  it("notifies nobody when notification_settings says so", async () => {
    const t = await makeTenant();
    const res = await scale(t.id, { target_limits: { users: 20 }, notification_settings: { notify_admin: false, notify_users: false } });
    expect(res.json.data.notifications_queued).toBe(0);
    expect(await scaleMails(t.id)).toEqual([]);
  });

  it("database_connection_pool really caps the role: scaled to 1, the second connection is refused by PostgreSQL (53300)", async () => {
    const t = await makeTenant({ plan: "basic" });
    expect((await scale(t.id, { target_limits: { database_connections: 1 } })).status).toBe(200);
    const second = await withTenantRoleConnection(t.id, () => withTenantRoleConnection(t.id, async () => "two at once")).catch((e: unknown) => e);
    expect(isConnectionLimitError(second)).toBe(true);
    expect(await withTenantRoleConnection(t.id, async (c) => (await c.query("SELECT 1 AS one")).rows[0].one)).toBe(1);
  });

  it("scheduled: records the scaling (202, steps pending), changes nothing until the job applies it at its time", async () => {
    const t = await makeTenant({ plan: "basic" });
    await subscribe(t.id);
    const at = new Date(Date.now() + 60 * 60_000);
    const res = await scale(t.id, { target_limits: { database_connections: 5 }, scale_strategy: "scheduled", scheduled_at: at.toISOString() });
    expect(res.status).toBe(202);
    expect(res.json.data).toMatchObject({ status: "scheduled", scheduled_at: at.toISOString(), completed_at: null, steps: [{ name: "database_connection_pool", status: "pending", estimated_completion: at.toISOString() }] });
    // Fewer connections than the plan includes: no cost, so no approval needed.
    expect(res.json.data.billing_impact.additional_cost_monthly).toBe(0);
    expect(res.json.data.notifications_queued).toBe(0);
    expect(await scaleMails(t.id)).toEqual([]);
    expect(await connLimit(t.id)).toBe(10);
    expect(await auditEvents(t.id, "resources.scale_scheduled")).toHaveLength(1);

    expect(await applyDueScalings(systemCaller("test"), new Date(at.getTime() - 1000))).toEqual({ applied: 0, failed: 0 });
    expect(await connLimit(t.id)).toBe(10);
    await applyDueScalings(systemCaller("test"), new Date(at.getTime() + 1000));
    expect(await connLimit(t.id)).toBe(5);
    expect((await tenantRow(t.id))!.limits).toMatchObject({ database_connections: 5 });
    expect((await scalings(t.id)).map((s) => s.status)).toEqual(["completed"]);
    expect(await auditEvents(t.id, "resources.scaled")).toHaveLength(1);
    expect(await messages(t.id)).toEqual([{ event_type: "resources.scaled" }]);
    // The mail goes out when the scaling applies, not when it is scheduled.
    expect((await scaleMails(t.id)).map((m) => m.text.split("\n")[2])).toEqual(["- Database connections: 10 → 5"]);
    // Applied once: a second run finds nothing due.
    expect(await applyDueScalings(systemCaller("test"), new Date(at.getTime() + 2000))).toEqual({ applied: 0, failed: 0 });
  });

  it("refuses targets over the platform maximum (naming each), a cost rise without billing approval, and bad input — writing nothing", async () => {
    const t = await makeTenant({ plan: "professional" });
    const before = await tenantRow(t.id);
    const over = await scale(t.id, { target_limits: { users: 2_000_000, database_connections: 501, storage_gb: 10 }, billing_approval: true });
    expect(over.status).toBe(400);
    expect(over.json.error.code).toBe("limits_exceeded");
    expect(over.json.error.details.map((x: { path: string }) => x.path).sort()).toEqual(["target_limits.database_connections", "target_limits.users"]);

    const unapproved = await scale(t.id, { target_limits: { storage_gb: 200 } });
    expect(unapproved.status).toBe(400);
    expect(unapproved.json.error.code).toBe("billing_approval_required");
    expect(unapproved.json.error.details[0].path).toBe("billing_approval");

    for (const [body, path] of [
      [{ target_limits: {} }, "target_limits"],
      [{ target_limits: { users: -1 } }, "target_limits.users"],
      [{ target_limits: { seats: 5 } }, "target_limits.seats"],
      [{ target_limits: { users: 5 }, scale_strategy: "scheduled" }, "scheduled_at"],
      [{ target_limits: { users: 5 }, scale_strategy: "scheduled", scheduled_at: "2020-01-01T00:00:00Z" }, "scheduled_at"],
      [{ target_limits: { users: 5 }, scale_strategy: "later" }, "scale_strategy"],
    ] as const) {
      const r = await scale(t.id, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json.error.details.map((x: { path: string }) => x.path), JSON.stringify(body)).toContain(path);
    }
    expect(await tenantRow(t.id)).toEqual(before);
    expect(await scalings(t.id)).toEqual([]);
    expect(await auditEvents(t.id, "resources.scaled")).toEqual([]);
    expect(await connLimit(t.id)).toBe(25);
  });

  it("is for platform staff with tenants:update: a read-only key is refused before the body is read", async () => {
    const t = await makeTenant();
    const readOnly = await makeApiKey(["tenants:read"]);
    const r = await scale(t.id, { not: "even valid" }, {}, readOnly);
    expect(r.status).toBe(403);
    const missing = await scale(`tenant_${"0".repeat(16)}`, { target_limits: { users: 5 } });
    expect(missing.status).toBe(404);
  });

  it("20 parallel scalings of one tenant: no 500, each applied in turn, the role ends at one of the asked limits; Idempotency-Key replays", async () => {
    const t = await makeTenant({ plan: "professional" });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => scale(t.id, { target_limits: { database_connections: 10 + i }, billing_approval: true })));
    expect(results.filter((r) => r.status >= 500)).toEqual([]);
    const ok = results.filter((r) => r.status === 200);
    expect(results.filter((r) => r.status !== 200).map((r) => `${r.status} ${r.json.error?.code}`)).toEqual([]);
    expect((await scalings(t.id)).length).toBe(ok.length);
    const finalLimit = await connLimit(t.id);
    expect((await tenantRow(t.id))!.limits).toMatchObject({ database_connections: finalLimit });

    const idem = { "idempotency-key": uniq("idem-") };
    const first = await scale(t.id, { target_limits: { users: 40 } }, idem);
    const again = await scale(t.id, { target_limits: { users: 40 } }, idem);
    expect(again.status).toBe(first.status);
    expect(again.json.data.scaling_id).toBe(first.json.data.scaling_id);
    expect((await scalings(t.id)).length).toBe(ok.length + 1);
  });
});
