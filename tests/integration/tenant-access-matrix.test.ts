import { beforeAll, describe, expect, it, vi } from "vitest";

// Server actions read the request through next/headers; here it is a real
// request's headers (host, Origin, a real signed session cookie) that each
// call sets, so the actions run exactly as they do under Next.
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({ toString: () => request.headers.get("cookie") ?? "" }),
}));

import * as apiKeysRoute from "@/app/api/v1/tenants/[id]/api-keys/route";
import * as rolesRoute from "@/app/api/v1/tenants/[id]/roles/route";
import * as invitationsRoute from "@/app/api/v1/tenants/[id]/users/invitations/route";
import * as inviteRoute from "@/app/api/v1/tenants/[id]/users/invite/route";
import * as userRoute from "@/app/api/v1/tenants/[id]/users/[user_id]/route";
import * as usersRoute from "@/app/api/v1/tenants/[id]/users/route";
import * as actions from "@/lib/actions/member-actions";
import { listTenantApiKeysAction } from "@/lib/actions/tenant-api-key-actions";
import { systemCaller } from "@/lib/auth/caller";
import { createTenantApiKey } from "@/lib/tenant-api-keys/create-tenant-api-key";
import { BUILT_IN_ROLES, BUILT_IN_ROLE_KEYS, type BuiltInRoleKey, type TenantPermission } from "@/lib/tenant-access/permissions";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { callRoute } from "../support/call-route";
import { makeTenant, uniq } from "../support/fixtures";
import { addMember } from "../support/tenant-members";
import { sessionTokenForClaims } from "../support/session-cookie";

let A: { id: string; slug: string };
let B: { id: string; slug: string };
const hostOf = (t: { slug: string }) => `${t.slug}.localhost:3000`;
const missing = "user_0000000000000000";

beforeAll(async () => {
  [A, B] = await Promise.all([makeTenant(), makeTenant()]);
});

/** Each tenant action once, through the API (as a tenant key) — built so that, once authorised, it fails (if at all) for another reason. */
const API: [string, TenantPermission, (key: string, tenantId: string) => Promise<{ status: number; json: { error?: { code: string } } }>][] = [
  ["GET users", "members:read", (key, id) => callRoute(usersRoute.GET, { path: `/api/v1/tenants/${id}/users`, params: { id }, key, headers: { host: hostOf(A) } })],
  ["GET invitations", "members:read", (key, id) => callRoute(invitationsRoute.GET, { params: { id }, key, headers: { host: hostOf(A) } })],
  ["POST invite", "members:invite", (key, id) => callRoute(inviteRoute.POST, { method: "POST", params: { id }, key, headers: { host: hostOf(A) }, body: { emails: [`${uniq("i")}@matrix.test`], role: "viewer" } })],
  ["POST user", "members:update", (key, id) => callRoute(userRoute.POST, { method: "POST", params: { id, user_id: missing }, key, headers: { host: hostOf(A) }, body: { role: "viewer" } })],
  ["DELETE user", "members:remove", (key, id) => callRoute(userRoute.DELETE, { method: "DELETE", params: { id, user_id: missing }, key, headers: { host: hostOf(A) } })],
  ["GET roles", "roles:read", (key, id) => callRoute(rolesRoute.GET, { params: { id }, key, headers: { host: hostOf(A) } })],
  ["POST roles", "roles:manage", (key, id) => callRoute(rolesRoute.POST, { method: "POST", params: { id }, key, headers: { host: hostOf(A) }, body: { name: uniq("Role "), permissions: [] } })],
  ["GET api-keys", "api_keys:manage", (key, id) => callRoute(apiKeysRoute.GET, { params: { id }, key, headers: { host: hostOf(A) } })],
];

/** The same actions through the server actions the portal's pages call. */
const ACTIONS: [string, TenantPermission, (tenantId: string) => Promise<{ ok: boolean; code?: string }>][] = [
  ["listMembers", "members:read", (id) => actions.listMembersAction(id, {})],
  ["listInvitations", "members:read", (id) => actions.listInvitationsAction(id)],
  ["inviteMembers", "members:invite", (id) => actions.inviteMembersAction(id, { emails: [`${uniq("i")}@matrix.test`], role: "viewer" })],
  ["resendInvitation", "members:invite", (id) => actions.resendInvitationAction(id, "inv_missing")],
  ["revokeInvitation", "members:invite", (id) => actions.revokeInvitationAction(id, "inv_missing")],
  ["changeMemberRole", "members:update", (id) => actions.changeMemberRoleAction(id, missing, { role: "viewer" })],
  ["changeMemberStatus", "members:update", (id) => actions.changeMemberStatusAction(id, missing, "suspended")],
  ["removeMember", "members:remove", (id) => actions.removeMemberAction(id, missing)],
  ["listRoles", "roles:read", (id) => actions.listRolesAction(id)],
  ["createRole", "roles:manage", (id) => actions.createRoleAction(id, { name: uniq("Role "), permissions: [] })],
  ["previewRoleChange", "roles:manage", (id) => actions.previewRoleChangeAction(id, "role_missing", { permissions: [] })],
  ["updateRole", "roles:manage", (id) => actions.updateRoleAction(id, "role_missing", { description: "x" })],
  ["deleteRole", "roles:manage", (id) => actions.deleteRoleAction(id, "role_missing", { replacement_role: "viewer" })],
  ["listApiKeys", "api_keys:manage", (id) => listTenantApiKeysAction(id)],
];

const expected = (role: BuiltInRoleKey, permission: TenantPermission) => (BUILT_IN_ROLES[role].permissions.includes(permission) ? "allow" : "deny");

async function signInAs(userId: string, tenant: { id: string; slug: string }, host = hostOf(tenant)) {
  const token = await sessionTokenForClaims({ sub: userId, host: hostOf(tenant), kind: "member", tenantId: tenant.id });
  request.headers = new Headers({ host, origin: `http://${host}`, cookie: `next-auth.session-token=${token}` });
}

describe("every built-in role × every tenant action", () => {
  it("through the API, with a tenant key carrying the role's permissions", async () => {
    const got: string[] = [];
    const want: string[] = [];
    for (const role of BUILT_IN_ROLE_KEYS) {
      const { key } = await createTenantApiKey(platformActor(systemCaller("test")), A.id, { name: `matrix ${role}`, permissions: [...BUILT_IN_ROLES[role].permissions] });
      for (const [name, permission, call] of API) {
        const r = await call(key, A.id);
        got.push(`${role} ${name} ${r.status === 403 && r.json.error?.code === "admin_privileges_required" ? "deny" : r.status === 403 ? `403 ${r.json.error?.code}` : "allow"}`);
        want.push(`${role} ${name} ${expected(role, permission)}`);
        // Whatever the role, another tenant's id reaches nothing.
        const other = await call(key, B.id);
        expect([other.status, other.json.error?.code], `${role} ${name} on B`).toEqual([403, "cross_tenant_access_denied"]);
      }
    }
    expect(got).toEqual(want);
  });

  it("through the server actions, as a signed-in member of each role", async () => {
    const got: string[] = [];
    const want: string[] = [];
    for (const role of BUILT_IN_ROLE_KEYS) {
      const member = await addMember(A.id, role);
      await signInAs(member.id, A);
      for (const [name, permission, call] of ACTIONS) {
        const r = await call(A.id);
        got.push(`${role} ${name} ${!r.ok && r.code === "admin_privileges_required" ? "deny" : !r.ok && ["authentication_required", "cross_tenant_access_denied", "tenant_access_denied", "origin_not_allowed"].includes(r.code!) ? `refused ${r.code}` : "allow"}`);
        want.push(`${role} ${name} ${expected(role, permission)}`);
        // A tenant id swapped in the request reaches nothing of the other tenant.
        const other = await call(B.id);
        expect([other.ok, other.code], `${role} ${name} on B`).toEqual([false, "cross_tenant_access_denied"]);
      }
    }
    expect(got).toEqual(want);
    expect(got.length).toBe(BUILT_IN_ROLE_KEYS.length * ACTIONS.length);
  });

  it("actions refuse a foreign Origin, another host's session, and no session", async () => {
    const owner = await addMember(A.id, "owner");
    await signInAs(owner.id, A);
    expect((await actions.listMembersAction(A.id, {})).ok).toBe(true);
    request.headers.set("origin", "http://evil.example");
    expect(await actions.listMembersAction(A.id, {})).toMatchObject({ ok: false, code: "origin_not_allowed" });
    // The session cookie of A's host, replayed on B's host.
    await signInAs(owner.id, A, hostOf(B));
    expect(await actions.listMembersAction(B.id, {})).toMatchObject({ ok: false, code: "authentication_required" });
    // ... and on the console host it is not a staff session.
    await signInAs(owner.id, A, "localhost:3000");
    expect(await actions.listMembersAction(A.id, {})).toMatchObject({ ok: false, code: "authentication_required" });
    request.headers = new Headers({ host: hostOf(A), origin: `http://${hostOf(A)}` });
    expect(await actions.listMembersAction(A.id, {})).toMatchObject({ ok: false, code: "authentication_required" });
  });
});
