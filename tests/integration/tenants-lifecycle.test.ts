import { describe, expect, it } from "vitest";
import * as tenantRoute from "@/app/api/v1/tenants/[id]/route";
import * as suspendRoute from "@/app/api/v1/tenants/[id]/suspend/route";
import * as reactivateRoute from "@/app/api/v1/tenants/[id]/reactivate/route";
import * as archiveRoute from "@/app/api/v1/tenants/[id]/archive/route";
import * as cancelRoute from "@/app/api/v1/tenants/[id]/cancel-deletion/route";
import { systemCaller } from "@/lib/auth/caller";
import { purgeDueTenants } from "@/lib/tenants/tenant-deletion";
import { ingestUsageEvents } from "@/lib/usage/ingest-usage-events";
import { callRoute } from "../support/call-route";
import { makeApiKey, makeTenant } from "../support/fixtures";
import { auditEvents, ownerQuery, pgSchemaExists, tenantRow } from "../support/db";

// Every test that schedules a deletion lives in this file (purgeDueTenants
// purges every due tenant in the database, so other files never leave one).

let keyPromise: Promise<string> | undefined;
const key = () => (keyPromise ??= makeApiKey());

type Handler = typeof suspendRoute.POST;
const action = async (handler: Handler, id: string, verb: string, body?: unknown, headers?: Record<string, string>) =>
  callRoute(handler, { method: "POST", key: await key(), path: `/api/v1/tenants/${id}/${verb}`, params: { id }, body, headers });
const suspend = (id: string, body?: unknown, headers?: Record<string, string>) => action(suspendRoute.POST, id, "suspend", body, headers);
const reactivate = (id: string) => action(reactivateRoute.POST, id, "reactivate");
const archive = (id: string) => action(archiveRoute.POST, id, "archive");
const cancelDeletion = (id: string) => action(cancelRoute.POST, id, "cancel-deletion");
const del = async (id: string, query: string) => callRoute(tenantRoute.DELETE, { method: "DELETE", key: await key(), path: `/api/v1/tenants/${id}?${query}`, params: { id } });

const expectInvalidState = (r: { status: number; json: { error: { code: string } } }) => {
  expect(r.status).toBe(409);
  expect(r.json.error.code).toBe("invalid_state");
};

describe("status transitions", () => {
  it("suspend → reactivate → archive → reactivate, each audited", async () => {
    const t = await makeTenant();
    const s = await suspend(t.id, { reason: "Payment overdue" });
    expect(s.status).toBe(200);
    expect(s.json.data.tenant).toMatchObject({ status: "suspended", suspended_reason: "Payment overdue" });
    expect(Date.parse(s.json.data.tenant.suspended_at)).not.toBeNaN();
    expect(s.headers.get("etag")).toMatch(/^W\//);

    const r1 = await reactivate(t.id);
    expect(r1.status).toBe(200);
    expect(r1.json.data.tenant).toMatchObject({ status: "active", suspended_at: null, suspended_reason: null });

    const a = await archive(t.id);
    expect(a.status).toBe(200);
    expect(a.json.data.tenant.status).toBe("archived");
    expect(Date.parse(a.json.data.tenant.archived_at)).not.toBeNaN();

    const r2 = await reactivate(t.id);
    expect(r2.status).toBe(200);
    expect(r2.json.data.tenant).toMatchObject({ status: "active", archived_at: null });

    const events = (await auditEvents(t.id)).filter((e) => e.action.startsWith("tenant.") && !["tenant.created", "tenant.provisioned"].includes(e.action));
    expect(events.map((e) => [e.action, e.before?.status, e.after?.status])).toEqual([
      ["tenant.suspended", "active", "suspended"],
      ["tenant.reactivated", "suspended", "active"],
      ["tenant.archived", "active", "archived"],
      ["tenant.reactivated", "archived", "active"],
    ]);
    expect(events[0].after).toMatchObject({ reason: "Payment overdue" });
  });

  it("refuses invalid transitions with 409 invalid_state and changes nothing", async () => {
    const t = await makeTenant();
    expectInvalidState(await reactivate(t.id)); // already active
    expect((await suspend(t.id)).status).toBe(200);
    expectInvalidState(await suspend(t.id)); // already suspended
    expect((await archive(t.id)).status).toBe(200); // suspended → archived is allowed
    expectInvalidState(await archive(t.id));
    expectInvalidState(await suspend(t.id)); // archived cannot be suspended
    expect((await tenantRow(t.id))!.status).toBe("archived");
  });

  it("honours If-Match on transitions", async () => {
    const t = await makeTenant();
    const stale = `W/"${t.id}-${t.version - 1}"`;
    const r = await suspend(t.id, undefined, { "if-match": stale });
    expect(r.status).toBe(412);
    expect(r.json.error.code).toBe("precondition_failed");
    expect((await tenantRow(t.id))!.status).toBe("active");
    expect((await suspend(t.id, undefined, { "if-match": `W/"${t.id}-${t.version}"` })).status).toBe(200);
  });

  it("refuses unknown body fields and unknown tenants", async () => {
    const t = await makeTenant();
    const r = await suspend(t.id, { reason: "x", until: "tomorrow" });
    expect(r.status).toBe(400);
    expect(r.json.error.details.map((d: { path: string }) => d.path)).toEqual(["until"]);
    const nf = await archive("tenant_0123456789abcdef");
    expect(nf.status).toBe(404);
    expect(nf.json.error.code).toBe("tenant_not_found");
  });
});

describe("DELETE /api/v1/tenants/:id", () => {
  it("without confirmation → 400 naming confirmation; nothing is scheduled", async () => {
    const t = await makeTenant();
    for (const q of ["", "confirmation=yes", "grace_period_days=3"]) {
      const r = await del(t.id, q);
      expect(r.status, q).toBe(400);
      expect(r.json.error.details.map((d: { path: string }) => d.path), q).toContain("confirmation");
    }
    const r = await del(t.id, "confirmation=DELETE_PERMANENTLY&grace_period_days=-1");
    expect(r.status).toBe(400);
    expect(r.json.error.details.map((d: { path: string }) => d.path)).toEqual(["grace_period_days"]);
    expect((await tenantRow(t.id))!.status).toBe("active");
  });

  it("schedules deletion per seed 000, and cancel-deletion restores the previous status", async () => {
    const t = await makeTenant();
    expect((await suspend(t.id)).status).toBe(200);
    const before = Date.now();
    const r = await del(t.id, "confirmation=DELETE_PERMANENTLY&grace_period_days=3");
    expect(r.status).toBe(200);
    const d = r.json.data;
    expect(d).toMatchObject({ tenant_id: t.id, deletion_status: "scheduled" });
    expect(Object.keys(d).sort()).toEqual(["data_export_url", "deletion_status", "final_deletion_date", "scheduled_at", "tenant_id"]);
    const scheduled = Date.parse(d.scheduled_at);
    expect(scheduled).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(d.final_deletion_date) - scheduled).toBe(3 * 86_400_000);

    const got = await callRoute(tenantRoute.GET, { key: await key(), path: `/api/v1/tenants/${t.id}`, params: { id: t.id } });
    expect(got.json.data.tenant).toMatchObject({ status: "pending_deletion", final_deletion_date: d.final_deletion_date });

    // Scheduled twice, or changed while scheduled: refused.
    expectInvalidState(await del(t.id, "confirmation=DELETE_PERMANENTLY"));
    expectInvalidState(await reactivate(t.id));
    expectInvalidState(await callRoute(tenantRoute.PUT, { method: "PUT", key: await key(), path: `/api/v1/tenants/${t.id}`, params: { id: t.id }, body: { name: "Nope" } }));

    const c = await cancelDeletion(t.id);
    expect(c.status).toBe(200);
    expect(c.json.data.deletion_status).toBe("cancelled");
    expect(c.json.data.tenant).toMatchObject({ status: "suspended", final_deletion_date: null, deletion_scheduled_at: null });
    expectInvalidState(await cancelDeletion(t.id));

    expect((await auditEvents(t.id)).map((e) => e.action)).toEqual(expect.arrayContaining(["tenant.deletion_scheduled", "tenant.deletion_cancelled"]));
    const [scheduledEvent] = await auditEvents(t.id, "tenant.deletion_scheduled");
    expect(scheduledEvent.before).toEqual({ status: "suspended" });
    expect(scheduledEvent.after).toMatchObject({ status: "pending_deletion", grace_period_days: 3, final_deletion_date: d.final_deletion_date });
  });

  it("purgeDueTenants removes the tenant, its schema, memberships, usage and audit rows, and records tenant.purged", async () => {
    const t = await makeTenant();
    await ingestUsageEvents([{ id: "purge-me", tenantId: t.id, meter: "feature_used", value: 1, timestamp: new Date(), properties: { feature: "x", user_id: "u1" } }]);
    const keep = await makeTenant(); // not scheduled: must survive
    const r = await del(t.id, "confirmation=DELETE_PERMANENTLY&grace_period_days=3");
    expect(r.status).toBe(200);
    const final = new Date(r.json.data.final_deletion_date);

    // Not yet due: nothing happens.
    expect(await purgeDueTenants(systemCaller("test"), new Date(final.getTime() - 60_000))).not.toContain(t.id);
    expect(await tenantRow(t.id)).toBeDefined();

    const purged = await purgeDueTenants(systemCaller("purge-test"), new Date(final.getTime() + 60_000));
    expect(purged).toContain(t.id);
    expect(purged).not.toContain(keep.id);

    expect(await tenantRow(t.id)).toBeUndefined();
    expect(await pgSchemaExists(t.schemaName)).toBe(false);
    expect(await ownerQuery("SELECT 1 FROM memberships WHERE tenant_id = $1", [t.id])).toEqual([]);
    for (const table of ["tenant_usage_daily", "usage_rollup_hourly", "usage_events", "usage_event_keys", "usage_daily_users"]) {
      expect(await ownerQuery(`SELECT 1 FROM ${table} WHERE tenant_id = $1`, [t.id]), table).toEqual([]);
    }
    expect(await ownerQuery("SELECT 1 FROM audit_events WHERE tenant_id = $1", [t.id])).toEqual([]);

    const [event] = await auditEvents(t.id, "tenant.purged");
    expect(event).toMatchObject({ tenant_id: null, actor_type: "system", actor_label: "purge-test", target_type: "tenant" });
    expect(event.before).toEqual({ name: t.name, slug: t.slug, schema_name: t.schemaName });

    expect(await tenantRow(keep.id)).toBeDefined();
    expect(await pgSchemaExists(keep.schemaName)).toBe(true);
    // The purge is done: a second run finds nothing of it.
    expect(await purgeDueTenants(systemCaller("test"), new Date(final.getTime() + 60_000))).not.toContain(t.id);
    // Cancelling after the purge: the tenant is gone.
    expect((await cancelDeletion(t.id)).status).toBe(404);
  });
});
