import { encode } from "next-auth/jwt";
import { beforeAll, describe, expect, it } from "vitest";
import * as listRoute from "@/app/api/v1/tenants/[id]/impersonation-requests/route";
import * as approveRoute from "@/app/api/v1/tenants/[id]/impersonation-requests/[request_id]/approve/route";
import * as revokeRoute from "@/app/api/v1/tenants/[id]/impersonation-requests/[request_id]/revoke/route";
import { GET as enterRoute } from "@/app/api/impersonation/enter/route";
import { NO_META, systemCaller, type Caller } from "@/lib/auth/caller";
import { PLATFORM_ROLE_PERMISSIONS, type PlatformRole } from "@/lib/auth/permissions";
import { memberFromSessionCookie } from "@/lib/auth/session-caller";
import { signInWithTicket } from "@/lib/auth/sign-in/redeem-ticket";
import { getBranding } from "@/lib/branding/get-branding";
import { updateBranding } from "@/lib/branding/update-branding";
import { newId } from "@/lib/ids";
import { decideImpersonationRequest } from "@/lib/impersonation/decide-impersonation-request";
import { issueImpersonationEntry, redeemImpersonationEntry } from "@/lib/impersonation/enter-portal";
import { expireImpersonationGrants } from "@/lib/impersonation/expire-impersonation-grants";
import { listImpersonationRequests } from "@/lib/impersonation/list-impersonation-requests";
import { requestImpersonation } from "@/lib/impersonation/request-impersonation";
import { revokeImpersonationGrant } from "@/lib/impersonation/revoke-impersonation-grant";
import { createRole } from "@/lib/roles/create-role";
import { createTenantApiKey } from "@/lib/tenant-api-keys/create-tenant-api-key";
import { BUILT_IN_ROLES, OWNER_ONLY_PERMISSIONS } from "@/lib/tenant-access/permissions";
import { authorizeTenant, platformActor, type TenantActor } from "@/lib/tenant-access/tenant-actor";
import { withTenantScope } from "@/lib/db/scope";
import { callRoute } from "../support/call-route";
import { ownerQuery } from "../support/db";
import { makeTenant, uniq } from "../support/fixtures";
import { addMember, codeOf, memberActor, ownerOf } from "../support/tenant-members";

let T: { id: string; slug: string };
const hostOf = (t: { slug: string }) => `${t.slug}.localhost:3000`;

/** A real staff account (the grant references it) and its caller. */
async function staff(role: PlatformRole = "admin"): Promise<Caller> {
  const id = newId("user");
  const email = `${uniq("staff")}@atrium.test`;
  await ownerQuery("INSERT INTO users (id, email, name, platform_role) VALUES ($1, $2, 'Support', $3)", [id, email, role]);
  return { kind: "user", id, label: email, platformRole: role, permissions: new Set(PLATFORM_ROLE_PERMISSIONS[role]), meta: NO_META };
}

const ask = (caller: Caller, mode: "read_only" | "full" = "read_only", tenant = T) => requestImpersonation(caller, tenant.id, { reason: "Ticket 4821: billing page blank", duration_minutes: 30, mode });

/** Console → entry link → portal entry route → sign-in ticket → session, as the browser goes; answers the session cookie. */
async function enterAsSupport(caller: Caller, grantId: string, tenant = T): Promise<{ cookie: string; sid: string }> {
  const { url } = await issueImpersonationEntry(caller, tenant.id, grantId);
  const entry = new URL(url);
  expect(entry.host).toBe(hostOf(tenant));
  const res = await enterRoute(new Request(url, { headers: { host: entry.host } }));
  expect(res.status).toBe(303);
  const location = res.headers.get("location")!;
  expect(location).toMatch(/^\/support-access\/enter#ticket=/);
  const ticket = decodeURIComponent(location.split("#ticket=")[1]);
  const user = await signInWithTicket(ticket, hostOf(tenant), "127.0.0.1", "test");
  expect(user).not.toBeNull();
  const token = await encode({ token: { sub: caller.id!, host: hostOf(tenant), kind: "member", tenantId: tenant.id, sid: user!.sid }, secret: process.env.NEXTAUTH_SECRET! });
  return { cookie: `next-auth.session-token=${token}`, sid: user!.sid };
}

const supportMember = (cookie: string, tenant = T) => memberFromSessionCookie(cookie, hostOf(tenant), tenant.id, NO_META);
const grantRow = async (id: string) => (await ownerQuery<{ status: string; expires_at: Date | null }>("SELECT status, expires_at FROM impersonation_grants WHERE id = $1", [id]))[0];
const sessionCount = async (grantId: string) => Number((await ownerQuery<{ n: string }>("SELECT count(*) AS n FROM auth_sessions WHERE impersonation_grant_id = $1", [grantId]))[0].n);
const actions = async (grantId: string) => (await ownerQuery<{ action: string }>("SELECT action FROM audit_events WHERE target_id = $1 ORDER BY seq", [grantId])).map((r) => r.action);

beforeAll(async () => {
  T = await makeTenant();
});

describe("support access lifecycle", () => {
  it("request → owners mailed → owner approves → staff enters as support → acts (audited as staff X acting for tenant Y (request R)) → owner revokes → out", async () => {
    const s = await staff();
    const owner = memberActor(T.id, await ownerOf(T.id));
    const g = await ask(s, "full");
    expect(g).toMatchObject({ status: "requested", staff_user_id: s.id, staff_email: s.label, mode: "full", expires_at: null });
    const mail = await ownerQuery<{ to_address: string; kind: string; text: string }>("SELECT to_address, kind, text FROM mail_outbox WHERE tenant_id = $1 AND kind = 'impersonation_request'", [T.id]);
    expect(mail.some((m) => m.to_address === `owner@${T.slug}.test` && m.text.includes(g.id) && m.text.includes(`${T.slug}.localhost:3000/support-access`))).toBe(true);

    // Not yet approved: no way in.
    expect(await codeOf(issueImpersonationEntry(s, T.id, g.id))).toBe("invalid_state");
    const approved = await decideImpersonationRequest(owner, T.id, g.id, "approve");
    expect(approved.status).toBe("approved");
    const lasts = new Date(approved.expires_at!).getTime() - new Date(approved.starts_at!).getTime();
    expect(lasts).toBe(30 * 60_000);
    // Another staff member cannot use it.
    expect(await codeOf(issueImpersonationEntry(await staff(), T.id, g.id))).toBe("admin_privileges_required");

    const { cookie } = await enterAsSupport(s, g.id);
    const m = await supportMember(cookie);
    expect(m?.actor.impersonation).toMatchObject({ grantId: g.id, staffUserId: s.id, staffEmail: s.label, mode: "full" });
    expect(m?.actor.label).toBe(`staff ${s.label} acting for tenant ${T.slug} (request ${g.id})`);

    // Full mode: the owner's permissions minus the owner-only ones (no approving its own access, no owners, no billing).
    const access = await withTenantScope(T.id, (tx) => authorizeTenant(m!.actor, T.id, "roles:manage", tx));
    for (const p of OWNER_ONLY_PERMISSIONS) expect(access.permissions.has(p)).toBe(false);
    expect(access.permissions.size).toBe(BUILT_IN_ROLES.owner.permissions.length - OWNER_ONLY_PERMISSIONS.length);
    expect(await codeOf(decideImpersonationRequest(m!.actor, T.id, g.id, "approve"))).toBe("admin_privileges_required");

    const { role } = await createRole(m!.actor, T.id, { name: uniq("Support-made "), permissions: ["members:read"] });
    const [made] = await ownerQuery<{ actor_type: string; actor_id: string; actor_label: string }>("SELECT actor_type, actor_id, actor_label FROM audit_events WHERE tenant_id = $1 AND action = 'role.created' AND target_id = $2", [T.id, role.id]);
    expect(made).toEqual({ actor_type: "user", actor_id: s.id, actor_label: `staff ${s.label} acting for tenant ${T.slug} (request ${g.id})` });

    const revoked = await revokeImpersonationGrant(owner, T.id, g.id);
    expect(revoked).toMatchObject({ status: "revoked", revoked_by: `${owner.kind === "member" ? owner.label : ""}` });
    expect(await sessionCount(g.id)).toBe(0);
    expect(await supportMember(cookie)).toBeNull();
    expect(await codeOf(createRole(m!.actor, T.id, { name: uniq("Too late "), permissions: ["members:read"] }))).toBe("tenant_access_denied");
    expect(await actions(g.id)).toEqual(["impersonation.requested", "impersonation.approved", "impersonation.started", "impersonation.revoked"]);
    const alerts = await ownerQuery<{ action: string; actor_label: string }>("SELECT action, actor_label FROM audit_events WHERE tenant_id = $1 AND action LIKE 'security.impersonation_%' AND after->>'request' = $2 ORDER BY seq", [T.id, g.id]);
    expect(alerts.map((a) => a.action)).toEqual(["security.impersonation_requested", "security.impersonation_started", "security.impersonation_revoked"]);
    expect(alerts[1].actor_label).toContain(`(request ${g.id})`);
    // The state machine: a revoked grant is not approved, revoked or used again.
    expect(await codeOf(decideImpersonationRequest(owner, T.id, g.id, "approve"))).toBe("invalid_state");
    expect(await codeOf(revokeImpersonationGrant(owner, T.id, g.id))).toBe("invalid_state");
    expect(await codeOf(issueImpersonationEntry(s, T.id, g.id))).toBe("invalid_state");
  });

  it("read-only support reads but every change is refused with impersonation_read_only, and nothing is written", async () => {
    const s = await staff();
    const owner = memberActor(T.id, await ownerOf(T.id));
    const g = await ask(s, "read_only");
    await decideImpersonationRequest(owner, T.id, g.id, "approve");
    const { cookie } = await enterAsSupport(s, g.id);
    const actor = (await supportMember(cookie))!.actor;
    expect(await codeOf(getBranding(actor, T.id))).toBe("ok");
    const before = await ownerQuery<{ n: string }>("SELECT count(*) AS n FROM audit_events WHERE tenant_id = $1", [T.id]);
    expect(await codeOf(updateBranding(actor, T.id, { company_name: "Changed by support" }))).toBe("impersonation_read_only");
    expect(await codeOf(createRole(actor, T.id, { name: uniq("Nope "), permissions: ["members:read"] }))).toBe("impersonation_read_only");
    expect(await ownerQuery<{ n: string }>("SELECT count(*) AS n FROM audit_events WHERE tenant_id = $1", [T.id])).toEqual(before);
    // The support actor may end its own access ("End now").
    expect((await revokeImpersonationGrant(actor, T.id, g.id, "ended")).status).toBe("revoked");
    expect(await actions(g.id)).toContain("impersonation.ended");
    expect(await supportMember(cookie)).toBeNull();
  });

  it("expiry: the support session is refused from the expiry itself, and the sweep marks the grant expired and ends its sessions", async () => {
    const s = await staff();
    const g = await ask(s, "read_only");
    await decideImpersonationRequest(memberActor(T.id, await ownerOf(T.id)), T.id, g.id, "approve");
    const first = await enterAsSupport(s, g.id);
    const second = await enterAsSupport(s, g.id);
    expect(await supportMember(first.cookie)).not.toBeNull();
    expect(await sessionCount(g.id)).toBe(2);
    await ownerQuery("UPDATE impersonation_grants SET expires_at = now() - interval '1 second' WHERE id = $1", [g.id]);
    // Before any sweep: the grant is read on every request.
    expect(await supportMember(first.cookie)).toBeNull();
    expect(await sessionCount(g.id)).toBe(1);
    expect((await expireImpersonationGrants()).expired).toBeGreaterThanOrEqual(1);
    expect((await grantRow(g.id)).status).toBe("expired");
    expect(await sessionCount(g.id)).toBe(0);
    expect(await supportMember(second.cookie)).toBeNull();
    const [expired] = await ownerQuery<{ actor_type: string; after: { sessions_ended: number } }>("SELECT actor_type, after FROM audit_events WHERE target_id = $1 AND action = 'impersonation.expired'", [g.id]);
    expect(expired).toMatchObject({ actor_type: "system", after: { sessions_ended: 1 } });
    // Run again: nothing left to expire for this grant, no second event.
    await expireImpersonationGrants();
    expect((await actions(g.id)).filter((a) => a === "impersonation.expired")).toHaveLength(1);
  });

  it("an entry link works once, only on the tenant's host, and not after the staff account is suspended", async () => {
    const s = await staff();
    const g = await ask(s, "read_only");
    await decideImpersonationRequest(memberActor(T.id, await ownerOf(T.id)), T.id, g.id, "approve");
    const { url } = await issueImpersonationEntry(s, T.id, g.id);
    const token = new URL(url).searchParams.get("token")!;
    const other = await makeTenant();
    expect(await codeOf(redeemImpersonationEntry(token, hostOf(other), NO_META))).toBe("authentication_required");
    expect(await codeOf(redeemImpersonationEntry(token, "localhost:3000", NO_META))).toBe("authentication_required");
    expect(await codeOf(redeemImpersonationEntry(token, hostOf(T), NO_META))).toBe("ok");
    expect(await codeOf(redeemImpersonationEntry(token, hostOf(T), NO_META))).toBe("authentication_required");
    const { cookie } = await enterAsSupport(s, g.id);
    await ownerQuery("UPDATE users SET status = 'suspended' WHERE id = $1", [s.id]);
    expect(await supportMember(cookie)).toBeNull();
    const again = await issueImpersonationEntry(s, T.id, g.id);
    expect(await codeOf(redeemImpersonationEntry(new URL(again.url).searchParams.get("token")!, hostOf(T), NO_META))).toBe("tenant_access_denied");
  });
});

describe("the tenant's security policy", () => {
  it("forbid: 403 impersonation_forbidden and nothing written; preapproved for the tenant's plan: approved at once; another plan still waits", async () => {
    const s = await staff();
    const X = await makeTenant({ plan: "enterprise" });
    const setPolicy = (mode: string, plans: string[]) =>
      ownerQuery(
        `INSERT INTO tenant_security_policies (tenant_id, impersonation, impersonation_preapproved_plans) VALUES ($1, $2, $3)
         ON CONFLICT (tenant_id) DO UPDATE SET impersonation = $2, impersonation_preapproved_plans = $3`,
        [X.id, mode, plans],
      );
    await setPolicy("forbid", []);
    expect(await codeOf(ask(s, "read_only", X))).toBe("impersonation_forbidden");
    expect(await ownerQuery("SELECT id FROM impersonation_grants WHERE tenant_id = $1", [X.id])).toEqual([]);
    await setPolicy("preapproved", ["basic"]);
    expect((await ask(s, "read_only", X)).status).toBe("requested");
    await setPolicy("preapproved", ["enterprise"]);
    const g = await ask(s, "full", X);
    expect(g).toMatchObject({ status: "approved", decided_by: "policy" });
    expect(Date.parse(g.expires_at!) - Date.parse(g.starts_at!)).toBe(30 * 60_000);
    expect(await actions(g.id)).toEqual(["impersonation.requested", "impersonation.approved"]);
    // Pre-approved: no request mail to decide on, and staff can enter at once.
    expect(await ownerQuery("SELECT id FROM mail_outbox WHERE tenant_id = $1 AND kind = 'impersonation_request' AND text LIKE '%' || $2 || '%'", [X.id, g.id])).toEqual([]);
    const { cookie } = await enterAsSupport(s, g.id, X);
    expect((await supportMember(cookie, X))?.actor.impersonation?.mode).toBe("full");
  });
});

describe("who may do what", () => {
  it("staff without tenants:impersonate cannot ask; staff never decide; bad input is a 400 naming the field and writes nothing", async () => {
    const operator = await staff("operator");
    expect(await codeOf(ask(operator))).toBe("admin_privileges_required");
    const s = await staff();
    const g = await ask(s);
    expect(await codeOf(decideImpersonationRequest(platformActor(s), T.id, g.id, "approve"))).toBe("tenant_access_denied");
    // A member who is not an owner (admins lack the owner-only support_access:manage).
    const admin = await addMember(T.id, "admin");
    expect(await codeOf(decideImpersonationRequest(memberActor(T.id, admin.id), T.id, g.id, "approve"))).toBe("admin_privileges_required");
    expect(await codeOf(listImpersonationRequests(memberActor(T.id, admin.id), T.id))).toBe("admin_privileges_required");
    const count = async () => (await ownerQuery<{ n: string }>("SELECT count(*) AS n FROM impersonation_grants WHERE tenant_id = $1", [T.id]))[0].n;
    const before = await count();
    for (const [body, field] of [
      [{ reason: "x", duration_minutes: 30, mode: "full" }, "reason"],
      [{ reason: "Ticket 1", duration_minutes: 241, mode: "full" }, "duration_minutes"],
      [{ reason: "Ticket 1", duration_minutes: 30, mode: "god" }, "mode"],
      [{ reason: "Ticket 1", duration_minutes: 30, mode: "full", extra: 1 }, "extra"],
    ] as const) {
      const err = await requestImpersonation(s, T.id, body).catch((e: unknown) => e as { code: string; details: { path: string }[] });
      expect(err, field).toMatchObject({ code: "invalid_request" });
      expect((err as { details: { path: string }[] }).details.map((d) => d.path)).toContain(field);
    }
    expect(await count()).toBe(before);
    // A platform API key is not a person who could enter the portal.
    expect(await codeOf(requestImpersonation({ ...s, kind: "api_key" } as Caller, T.id, { reason: "Ticket 1", duration_minutes: 30, mode: "full" }))).toBe("admin_privileges_required");
    expect(await codeOf(requestImpersonation(s, "tenant_0000000000000000", { reason: "Ticket 1", duration_minutes: 30, mode: "full" }))).toBe("tenant_not_found");
    const e = await revokeImpersonationGrant(platformActor(systemCaller("test")), T.id, g.id).catch((x: unknown) => x as Error);
    expect(e instanceof Error ? e.message : "ok").toBe("ok");
  });

  it("20 parallel approvals through the API: one approval, the rest 409, no 500; the owners' key lists it", async () => {
    const s = await staff();
    const g = await ask(s);
    const { key } = await createTenantApiKey(platformActor(systemCaller("test")), T.id, { name: "owners' automation", permissions: ["support_access:manage"] });
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        callRoute(approveRoute.POST, { method: "POST", path: `/api/v1/tenants/${T.id}/impersonation-requests/${g.id}/approve`, params: { id: T.id, request_id: g.id }, key, headers: { host: hostOf(T) } }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((x) => x === 200)).toHaveLength(1);
    expect(statuses.filter((x) => x === 409)).toHaveLength(19);
    expect((await actions(g.id)).filter((a) => a === "impersonation.approved")).toHaveLength(1);
    const list = await callRoute(listRoute.GET, { path: `/api/v1/tenants/${T.id}/impersonation-requests`, params: { id: T.id }, key, headers: { host: hostOf(T) } });
    expect(list.status).toBe(200);
    expect(list.json.data.requests.find((r: { id: string }) => r.id === g.id)).toMatchObject({ status: "approved", decided_by: "API key owners' automation" });
    const revoke = await callRoute(revokeRoute.POST, { method: "POST", path: `/api/v1/tenants/${T.id}/impersonation-requests/${g.id}/revoke`, params: { id: T.id, request_id: g.id }, key, headers: { host: hostOf(T) } });
    expect([revoke.status, revoke.json.data.request.status]).toEqual([200, "revoked"]);
  });

  it("staff ask through the API with their console session; the answer is 201 with the request", async () => {
    const s = await staff();
    const { sessionCookie } = await import("../support/session-cookie");
    const cookie = await sessionCookie({ userId: s.id!, host: "localhost:3000", kind: "staff" });
    const r = await callRoute(listRoute.POST, {
      method: "POST",
      path: `/api/v1/tenants/${T.id}/impersonation-requests`,
      params: { id: T.id },
      headers: { cookie, origin: "http://localhost:3000" },
      body: { reason: "Ticket 77", duration_minutes: 60, mode: "read_only" },
    });
    expect([r.status, r.json.data.request.status, r.json.data.request.staff_email]).toEqual([201, "requested", s.label]);
    const bad = await callRoute(listRoute.POST, { method: "POST", path: `/api/v1/tenants/${T.id}/impersonation-requests`, params: { id: T.id }, headers: { cookie, origin: "http://localhost:3000" }, body: { reason: "Ticket 77", duration_minutes: 0, mode: "read_only" } });
    expect([bad.status, bad.json.error.details[0].path]).toEqual([400, "duration_minutes"]);
  });
});

export type { TenantActor };
