import { beforeAll, describe, expect, it } from "vitest";
import { NO_META, systemCaller } from "@/lib/auth/caller";
import { createTenantApiKey } from "@/lib/tenant-api-keys/create-tenant-api-key";
import { withTenantScope } from "@/lib/db/scope";
import { inviteMembers } from "@/lib/invitations/invite-members";
import { listInvitations } from "@/lib/invitations/list-invitations";
import { revokeInvitation } from "@/lib/invitations/revoke-invitation";
import { changeMemberRole } from "@/lib/members/change-member-role";
import { reactivateMember, suspendMember } from "@/lib/members/change-member-status";
import { listMembers } from "@/lib/members/list-members";
import { removeMember } from "@/lib/members/remove-member";
import { createRole } from "@/lib/roles/create-role";
import { deleteRole } from "@/lib/roles/delete-role";
import { listRoles } from "@/lib/roles/list-roles";
import { previewRoleChange } from "@/lib/roles/preview-role-change";
import { updateRole } from "@/lib/roles/update-role";
import { BUILT_IN_ROLES, BUILT_IN_ROLE_KEYS, type TenantPermission } from "@/lib/tenant-access/permissions";
import { authorizeTenant, platformActor, type TenantActor } from "@/lib/tenant-access/tenant-actor";
import { makeTenant, staffCaller, uniq } from "../support/fixtures";
import { addMember, codeOf, memberActor } from "../support/tenant-members";

let A: string;
let B: string;

beforeAll(async () => {
  [A, B] = await Promise.all([makeTenant().then((t) => t.id), makeTenant().then((t) => t.id)]);
});

const missing = "user_0000000000000000";
// Every permission-guarded service, called so that once authorised it fails
// (if at all) for a reason other than authorisation.
const SERVICES: [string, TenantPermission, (actor: TenantActor) => Promise<unknown>][] = [
  ["listMembers", "members:read", (a) => listMembers(a, A, {})],
  ["listInvitations", "members:read", (a) => listInvitations(a, A)],
  ["changeMemberRole", "members:update", (a) => changeMemberRole(a, A, missing, { role: "viewer" })],
  ["suspendMember", "members:update", (a) => suspendMember(a, A, missing)],
  ["reactivateMember", "members:update", (a) => reactivateMember(a, A, missing)],
  ["removeMember", "members:remove", (a) => removeMember(a, A, missing)],
  ["listRoles", "roles:read", (a) => listRoles(a, A)],
  ["createRole", "roles:manage", (a) => createRole(a, A, { name: uniq("Role "), permissions: [] })],
  ["updateRole", "roles:manage", (a) => updateRole(a, A, "role_missing", { description: "x" })],
  ["previewRoleChange", "roles:manage", (a) => previewRoleChange(a, A, "role_missing", { permissions: [] })],
  ["deleteRole", "roles:manage", (a) => deleteRole(a, A, "role_missing", { replacement_role: "viewer" })],
  ["inviteMembers", "members:invite", (a) => inviteMembers(a, A, { emails: [`${uniq("i")}@matrix.test`], role: "viewer" })],
  ["revokeInvitation", "members:invite", (a) => revokeInvitation(a, A, "inv_missing")],
];

describe("built-in role × service matrix", () => {
  it("allows exactly the services whose permission the role holds", async () => {
    const actors = Object.fromEntries(await Promise.all(BUILT_IN_ROLE_KEYS.map(async (r) => [r, memberActor(A, (await addMember(A, r)).id)] as const)));
    const got: string[] = [];
    const want: string[] = [];
    for (const role of BUILT_IN_ROLE_KEYS) {
      for (const [name, permission, call] of SERVICES) {
        const code = await codeOf(call(actors[role]));
        got.push(`${role} ${name} ${code === "admin_privileges_required" ? "deny" : "allow"}`);
        want.push(`${role} ${name} ${BUILT_IN_ROLES[role].permissions.includes(permission) ? "allow" : "deny"}`);
      }
    }
    expect(got).toEqual(want);
    expect(got.length).toBe(BUILT_IN_ROLE_KEYS.length * SERVICES.length);
  });

  it("matches the intended shape of the built-in roles", () => {
    const has = (r: keyof typeof BUILT_IN_ROLES, p: TenantPermission) => BUILT_IN_ROLES[r].permissions.includes(p);
    expect(has("owner", "owners:manage")).toBe(true);
    expect(has("admin", "owners:manage")).toBe(false);
    expect(has("admin", "roles:manage")).toBe(true);
    expect(has("manager", "members:invite")).toBe(true);
    expect(has("manager", "roles:manage")).toBe(false);
    expect(has("member", "members:invite")).toBe(false);
    expect(has("viewer", "members:read")).toBe(true);
    expect(BUILT_IN_ROLES.viewer.permissions.every((p) => p.endsWith(":read"))).toBe(true);
  });
});

describe("authorizeTenant", () => {
  const check = (actor: TenantActor, tenantId: string, p: TenantPermission) => codeOf(withTenantScope(tenantId, (tx) => authorizeTenant(actor, tenantId, p, tx)));

  it("refuses non-members and suspended members with tenant_access_denied", async () => {
    const outsider = await addMember(B, "owner");
    expect(await check(memberActor(A, outsider.id), A, "members:read")).toBe("tenant_access_denied");
    const suspended = await addMember(A, "owner", { status: "suspended" });
    expect(await check(memberActor(A, suspended.id), A, "members:read")).toBe("tenant_access_denied");
  });

  it("refuses an actor bound to tenant A acting on tenant B with cross_tenant_access_denied", async () => {
    const m = await addMember(A, "owner");
    expect(await check(memberActor(A, m.id), B, "members:read")).toBe("cross_tenant_access_denied");
    const key: TenantActor = { kind: "api_key", id: "key_x", tenantId: A, label: "k", permissions: ["members:read"], meta: NO_META };
    expect(await check(key, B, "members:read")).toBe("cross_tenant_access_denied");
  });

  it("gives a tenant API key exactly its permission list, and a key id that is not the tenant's nothing", async () => {
    const { apiKey } = await createTenantApiKey(platformActor(systemCaller("test")), A, { name: "k", permissions: ["members:read"] });
    const key: TenantActor = { kind: "api_key", id: apiKey.id, tenantId: A, label: "k", permissions: ["members:read", "not:a_permission"], meta: NO_META };
    const forged: TenantActor = { ...key, id: "key_not_in_this_tenant" };
    expect(await check(forged, A, "members:read")).toBe("admin_privileges_required");
    expect(await check(key, A, "members:read")).toBe("ok");
    expect(await check(key, A, "members:invite")).toBe("admin_privileges_required");
  });

  it("maps platform staff reads to tenants:read and writes to tenants:update", async () => {
    const auditor: TenantActor = { kind: "platform", caller: staffCaller("auditor") };
    const operator: TenantActor = { kind: "platform", caller: staffCaller("operator") };
    expect(await check(auditor, A, "members:read")).toBe("ok");
    expect(await check(auditor, A, "members:invite")).toBe("admin_privileges_required");
    expect(await check(operator, A, "members:invite")).toBe("ok");
    expect(await check(operator, A, "owners:manage")).toBe("ok");
    const nobody: TenantActor = { kind: "platform", caller: { ...staffCaller("auditor"), permissions: new Set() } };
    expect(await check(nobody, A, "members:read")).toBe("admin_privileges_required");
  });

  it("resolves a custom role's permissions, and an unknown role grants nothing", async () => {
    const owner = memberActor(A, (await addMember(A, "owner")).id);
    const { role } = await createRole(owner, A, { name: uniq("Inviter "), permissions: ["members:invite", "members:read"] });
    const m = memberActor(A, (await addMember(A, role.id)).id);
    expect(await check(m, A, "members:invite")).toBe("ok");
    expect(await check(m, A, "roles:read")).toBe("admin_privileges_required");
    const ghost = memberActor(A, (await addMember(A, "role_gone")).id);
    expect(await check(ghost, A, "members:read")).toBe("admin_privileges_required");
  });
});
