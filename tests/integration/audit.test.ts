import { beforeAll, describe, expect, it } from "vitest";
import * as tenantsRoute from "@/app/api/v1/tenants/route";
import * as tenantRoute from "@/app/api/v1/tenants/[id]/route";
import * as suspendRoute from "@/app/api/v1/tenants/[id]/suspend/route";
import * as reactivateRoute from "@/app/api/v1/tenants/[id]/reactivate/route";
import * as archiveRoute from "@/app/api/v1/tenants/[id]/archive/route";
import * as cancelRoute from "@/app/api/v1/tenants/[id]/cancel-deletion/route";
import { createPlatformApiKey } from "@/lib/auth/api-keys";
import { NO_META, systemCaller, type Caller } from "@/lib/auth/caller";
import { PLATFORM_PERMISSIONS } from "@/lib/auth/permissions";
import { createTenantSchema } from "@/lib/schemas/tenant";
import { changeTenantStatus } from "@/lib/tenants/change-tenant-status";
import { createTenant } from "@/lib/tenants/create-tenant";
import { scheduleTenantDeletion } from "@/lib/tenants/tenant-deletion";
import { updateTenant } from "@/lib/tenants/update-tenant";
import { callRoute } from "../support/call-route";
import { makeTenant, uniq } from "../support/fixtures";
import { auditEvents, ownerQuery, tenantRow, type AuditRow } from "../support/db";

let key: string;
let keyId: string;
let keyName: string;
beforeAll(async () => {
  keyName = uniq("audit-key-");
  const created = await createPlatformApiKey(systemCaller("test"), { name: keyName });
  key = created.key;
  keyId = created.apiKey.id;
});

function meta() {
  const requestId = uniq("req-audit-");
  // The first entry is the client's own claim; the one our reverse proxy appended (the last) is the address.
  return { requestId, headers: { "x-forwarded-for": "198.51.100.66", "x-atrium-client-ip": "203.0.113.9", "user-agent": "AuditTest/1.0 (vitest)", "x-request-id": requestId } };
}

function expectFromRoute(e: AuditRow | undefined, requestId: string) {
  expect(e).toBeDefined();
  expect(e).toMatchObject({ actor_type: "api_key", actor_id: keyId, actor_label: `API key ${keyName}`, ip: "203.0.113.9", user_agent: "AuditTest/1.0 (vitest)", request_id: requestId });
}

describe("audit events from the API", () => {
  it("POST /tenants records tenant.created, member.joined and tenant.provisioned with actor, target and request metadata", async () => {
    const m = meta();
    const slug = uniq("audit-");
    const res = await callRoute(tenantsRoute.POST, {
      method: "POST",
      key,
      headers: m.headers,
      body: { tenant: { name: "Audit Co", slug, plan: "enterprise", admin_user: { email: `boss@${slug}.test`, name: "Boss" } } },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("x-request-id")).toBe(m.requestId);
    const id = res.json.data.tenant.id;

    const [created] = await auditEvents(id, "tenant.created");
    expectFromRoute(created, m.requestId);
    expect(created).toMatchObject({ tenant_id: id, target_type: "tenant", before: null });
    expect(created.after).toMatchObject({ name: "Audit Co", slug, schema_name: `t_${slug.replace(/-/g, "_")}`, plan: "enterprise", admin_email: `boss@${slug}.test` });
    expect(created.after!.limits).toMatchObject({ users: null, storage_gb: 1024 });

    const [provisioned] = await auditEvents(id, "tenant.provisioned");
    expectFromRoute(provisioned, m.requestId);
    expect(provisioned.after).toMatchObject({ status: "active", database: { schema_created: true, migrations_applied: true } });

    const [joined] = await auditEvents(res.json.data.admin_user.id, "member.joined");
    expectFromRoute(joined, m.requestId);
    expect(joined).toMatchObject({ tenant_id: id, target_type: "user", after: { email: `boss@${slug}.test`, role: "owner" } });
  });

  it("PUT and each lifecycle route record their event with before/after and request metadata", async () => {
    const t = await makeTenant();
    const params = { id: t.id };
    const run = async (handler: typeof suspendRoute.POST, method: string, suffix: string, body?: unknown) => {
      const m = meta();
      const r = await callRoute(handler, { method, key, path: `/api/v1/tenants/${t.id}${suffix}`, params, headers: m.headers, body });
      return { r, requestId: m.requestId };
    };

    const expectations: [Awaited<ReturnType<typeof run>>, string, Record<string, unknown>, Record<string, unknown>][] = [];
    expectations.push([await run(tenantRoute.PUT, "PUT", "", { name: "Audited Name" }), "tenant.updated", { name: t.name }, { name: "Audited Name" }]);
    expectations.push([await run(suspendRoute.POST, "POST", "/suspend", { reason: "abuse" }), "tenant.suspended", { status: "active" }, { status: "suspended", reason: "abuse" }]);
    expectations.push([await run(archiveRoute.POST, "POST", "/archive", {}), "tenant.archived", { status: "suspended" }, { status: "archived" }]);
    expectations.push([await run(reactivateRoute.POST, "POST", "/reactivate"), "tenant.reactivated", { status: "archived" }, { status: "active" }]);
    // A long grace period: tenants-lifecycle.test.ts purges what falls due within days.
    expectations.push([await run(tenantRoute.DELETE, "DELETE", "?confirmation=DELETE_PERMANENTLY&grace_period_days=60"), "tenant.deletion_scheduled", { status: "active" }, { status: "pending_deletion", grace_period_days: 60 }]);
    expectations.push([await run(cancelRoute.POST, "POST", "/cancel-deletion"), "tenant.deletion_cancelled", { status: "pending_deletion" }, { status: "active" }]);

    const events = await auditEvents(t.id);
    for (const [{ r, requestId }, action, before, after] of expectations) {
      expect(r.status, action).toBe(200);
      const e = events.find((x) => x.request_id === requestId);
      expectFromRoute(e, requestId);
      expect(e!.action).toBe(action);
      expect(e!.tenant_id).toBe(t.id);
      expect(e!.target_type).toBe("tenant");
      expect(e!.before, action).toMatchObject(before);
      expect(e!.after, action).toMatchObject(after);
    }
  });

  it("a refused request records nothing", async () => {
    const t = await makeTenant();
    const m = meta();
    const r = await callRoute(reactivateRoute.POST, { method: "POST", key, path: `/api/v1/tenants/${t.id}/reactivate`, params: { id: t.id }, headers: m.headers });
    expect(r.status).toBe(409);
    expect(await ownerQuery("SELECT 1 FROM audit_events WHERE request_id = $1", [m.requestId])).toEqual([]);
  });
});

describe("the audit event is written in the same transaction as the change", () => {
  // A caller whose audit row PostgreSQL refuses (actor_type has a CHECK): if the
  // change and its record share a transaction, the change must not survive.
  const robot = { kind: "robot", id: "robot-1", label: "Robot", permissions: new Set(PLATFORM_PERMISSIONS), meta: NO_META } as unknown as Caller;

  it("updateTenant", async () => {
    const t = await makeTenant();
    await expect(updateTenant(robot, t.id, { name: "Never Saved" })).rejects.toThrow();
    expect(await tenantRow(t.id)).toMatchObject({ name: t.name, version: t.version });
  });

  it("changeTenantStatus", async () => {
    const t = await makeTenant();
    await expect(changeTenantStatus(robot, t.id, "suspend")).rejects.toThrow();
    expect(await tenantRow(t.id)).toMatchObject({ status: "active", suspended_at: null });
  });

  it("scheduleTenantDeletion", async () => {
    const t = await makeTenant();
    await expect(scheduleTenantDeletion(robot, t.id, 60)).rejects.toThrow();
    expect(await tenantRow(t.id)).toMatchObject({ status: "active", final_deletion_date: null });
  });

  it("createTenant", async () => {
    const slug = uniq("robot-");
    await expect(createTenant(robot, createTenantSchema.parse({ tenant: { name: "Robot Co", slug, admin_user: { email: `r@${slug}.test`, name: "R" } } }))).rejects.toThrow();
    expect(await ownerQuery("SELECT 1 FROM tenants WHERE slug = $1", [slug])).toEqual([]);
  });

  it("createPlatformApiKey", async () => {
    const name = uniq("robot-key-");
    await expect(createPlatformApiKey(robot, { name })).rejects.toThrow();
    expect(await ownerQuery("SELECT 1 FROM api_keys WHERE name = $1", [name])).toEqual([]);
  });
});
