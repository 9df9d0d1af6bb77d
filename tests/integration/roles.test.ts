import { describe, expect, it } from "vitest";
import { NO_META } from "@/lib/auth/caller";
import { withTenantScope } from "@/lib/db/scope";
import { changeMemberRole } from "@/lib/members/change-member-role";
import { createRole } from "@/lib/roles/create-role";
import { deleteRole } from "@/lib/roles/delete-role";
import { listRoles } from "@/lib/roles/list-roles";
import { previewRoleChange } from "@/lib/roles/preview-role-change";
import { updateRole } from "@/lib/roles/update-role";
import { inviteMembers } from "@/lib/invitations/invite-members";
import { BUILT_IN_ROLE_KEYS } from "@/lib/tenant-access/permissions";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";
import { makeTenant, uniq } from "../support/fixtures";
import { auditEvents, ownerQuery } from "../support/db";
import { addMember, codeOf, memberActor, membership, ownerOf } from "../support/tenant-members";

async function tenantWithOwner() {
  const t = await makeTenant();
  return { t, owner: memberActor(t.id, await ownerOf(t.id)) };
}

describe("listRoles", () => {
  it("lists the built-in roles read-only, then custom roles, with member counts", async () => {
    const { t, owner } = await tenantWithOwner();
    const { role } = await createRole(owner, t.id, { name: "Support", description: "Helps customers", permissions: ["members:read", "audit:read"] });
    await addMember(t.id, role.id);
    const { roles } = await listRoles(owner, t.id);
    expect(roles.map((r) => r.id)).toEqual([...BUILT_IN_ROLE_KEYS, role.id]);
    expect(roles[0]).toMatchObject({ id: "owner", built_in: true, member_count: 1 });
    expect(roles[5]).toMatchObject({ name: "Support", description: "Helps customers", built_in: false, member_count: 1, permissions: ["audit:read", "members:read"] });
    expect(await codeOf(updateRole(owner, t.id, "admin", { description: "mine now" }))).toBe("invalid_state");
    expect(await codeOf(deleteRole(owner, t.id, "viewer", { replacement_role: "member" }))).toBe("invalid_state");
  });
});

describe("createRole", () => {
  it("creates an audited role; names are unique per tenant regardless of case", async () => {
    const { t, owner } = await tenantWithOwner();
    const { role } = await createRole(owner, t.id, { name: "Billing Desk", permissions: ["usage:read"] });
    expect(role.id).toMatch(/^role_[0-9a-f]{16}$/);
    expect((await auditEvents(role.id, "role.created"))[0]).toMatchObject({ tenant_id: t.id, after: { name: "Billing Desk", permissions: ["usage:read"] } });
    expect(await codeOf(createRole(owner, t.id, { name: "billing desk", permissions: [] }))).toBe("invalid_state");
    expect(await codeOf(createRole(owner, t.id, { name: "Admin", permissions: [] }))).toBe("invalid_state");
    // Another tenant may use the same name.
    const other = await tenantWithOwner();
    expect(await codeOf(createRole(other.owner, other.t.id, { name: "Billing Desk", permissions: [] }))).toBe("ok");
  });

  it("validates strictly and keeps owner-only permissions for the owner role", async () => {
    const { t, owner } = await tenantWithOwner();
    expect(await codeOf(createRole(owner, t.id, { name: "X", permissions: [] }))).toBe("invalid_request");
    expect(await codeOf(createRole(owner, t.id, { name: "Weird", permissions: ["members:fly"] }))).toBe("invalid_request");
    expect(await codeOf(createRole(owner, t.id, { name: "Extra", permissions: [], colour: "red" }))).toBe("invalid_request");
    expect(await codeOf(createRole(owner, t.id, { name: "Co-owner", permissions: ["owners:manage"] }))).toBe("invalid_request");
  });

  it("refuses a role with permissions the creator lacks", async () => {
    const { t, owner } = await tenantWithOwner();
    const { role } = await createRole(owner, t.id, { name: "Role Keeper", permissions: ["roles:manage", "roles:read", "members:read"] });
    const keeper = memberActor(t.id, (await addMember(t.id, role.id)).id);
    expect(await codeOf(createRole(keeper, t.id, { name: "Brander", permissions: ["branding:update"] }))).toBe("admin_privileges_required");
    expect(await codeOf(createRole(keeper, t.id, { name: "Reader", permissions: ["members:read"] }))).toBe("ok");
    const key: TenantActor = { kind: "api_key", id: "key_roles", tenantId: t.id, label: "ci", permissions: ["roles:manage"], meta: NO_META };
    expect(await codeOf(createRole(key, t.id, { name: "Keyed", permissions: ["audit:read"] }))).toBe("admin_privileges_required");
  });
});

describe("updateRole and previewRoleChange", () => {
  it("reports which members gain and lose which permissions, previewed and applied alike", async () => {
    const { t, owner } = await tenantWithOwner();
    const { role } = await createRole(owner, t.id, { name: "Analyst", permissions: ["usage:read", "audit:read"] });
    const a = await addMember(t.id, role.id);
    const b = await addMember(t.id, role.id);
    await addMember(t.id, "viewer");
    const next = { permissions: ["usage:read", "members:read"] };
    const preview = await previewRoleChange(owner, t.id, role.id, next);
    expect(preview.changes.map((c) => c.user_id).sort()).toEqual([a.id, b.id].sort());
    expect(preview.changes[0]).toMatchObject({ gains: ["members:read"], loses: ["audit:read"] });
    expect((await ownerQuery<{ permissions: string[] }>("SELECT permissions FROM tenant_roles WHERE id = $1", [role.id]))[0].permissions).toEqual(["audit:read", "usage:read"]);

    const updated = await updateRole(owner, t.id, role.id, { ...next, description: "Reads numbers" });
    expect(updated.changes).toEqual(preview.changes);
    expect(updated.role).toMatchObject({ permissions: ["members:read", "usage:read"], description: "Reads numbers", member_count: 2 });
    expect((await auditEvents(role.id, "role.updated"))[0]).toMatchObject({ before: { permissions: ["audit:read", "usage:read"] }, after: { permissions: ["members:read", "usage:read"] } });
    expect((await updateRole(owner, t.id, role.id, { name: "Analyst II" })).changes).toEqual([]);
  });

  it("refuses adding or removing permissions the actor lacks", async () => {
    const { t, owner } = await tenantWithOwner();
    const { role: keeperRole } = await createRole(owner, t.id, { name: "Keeper", permissions: ["roles:manage", "usage:read"] });
    const keeper = memberActor(t.id, (await addMember(t.id, keeperRole.id)).id);
    const { role } = await createRole(owner, t.id, { name: "Auditor", permissions: ["audit:read"] });
    expect(await codeOf(updateRole(keeper, t.id, role.id, { permissions: [] }))).toBe("admin_privileges_required");
    expect(await codeOf(updateRole(keeper, t.id, keeperRole.id, { permissions: ["roles:manage", "usage:read", "api_keys:manage"] }))).toBe("admin_privileges_required");
    expect(await codeOf(updateRole(owner, t.id, role.id, { name: "keeper" }))).toBe("invalid_state");
  });
});

describe("deleteRole", () => {
  it("needs a replacement role, moves members and pending invitations to it, and is audited", async () => {
    const { t, owner } = await tenantWithOwner();
    const { role } = await createRole(owner, t.id, { name: "Temp", permissions: ["members:read"] });
    const m = await addMember(t.id, role.id);
    const inv = await inviteMembers(owner, t.id, { emails: [`${uniq("d")}@roles.test`], role: role.id });
    expect(await codeOf(deleteRole(owner, t.id, role.id, {}))).toBe("invalid_request");
    expect(await codeOf(deleteRole(owner, t.id, role.id, { replacement_role: role.id }))).toBe("invalid_request");
    expect(await codeOf(deleteRole(owner, t.id, role.id, { replacement_role: "role_nope" }))).toBe("invalid_request");
    expect(await deleteRole(owner, t.id, role.id, { replacement_role: "viewer" })).toEqual({ deleted: true, id: role.id, members_moved: 1 });
    expect((await membership(t.id, m.id)).role).toBe("viewer");
    const invId = inv.results[0].status === "invited" ? inv.results[0].invitation.id : "";
    expect((await ownerQuery<{ role: string }>("SELECT role FROM tenant_invitations WHERE id = $1", [invId]))[0].role).toBe("viewer");
    expect((await auditEvents(role.id, "role.deleted"))[0]).toMatchObject({ after: { replacement_role: "viewer", members_moved: 1 } });
  });

  it("refuses a replacement role the actor could not grant", async () => {
    const { t, owner } = await tenantWithOwner();
    const admin = memberActor(t.id, (await addMember(t.id, "admin")).id);
    const { role } = await createRole(owner, t.id, { name: "Doomed", permissions: [] });
    expect(await codeOf(deleteRole(admin, t.id, role.id, { replacement_role: "owner" }))).toBe("admin_privileges_required");
  });

  it("a member's custom role can be granted like a built-in one", async () => {
    const { t, owner } = await tenantWithOwner();
    const { role } = await createRole(owner, t.id, { name: "Custom", permissions: ["usage:read"] });
    const m = await addMember(t.id, "viewer");
    expect((await changeMemberRole(owner, t.id, m.id, { role: role.id })).member).toMatchObject({ role: role.id, role_name: "Custom" });
  });
});

describe("RLS", () => {
  it("tenant B's custom roles are invisible and unreachable in tenant A's scope", async () => {
    const [a, b] = await Promise.all([tenantWithOwner(), tenantWithOwner()]);
    const { role } = await createRole(b.owner, b.t.id, { name: "Secret", permissions: [] });
    const seen = await withTenantScope(a.t.id, (tx) => tx.tenantRole.findMany({ where: { id: role.id } }));
    expect(seen).toEqual([]);
    expect((await listRoles(a.owner, a.t.id)).roles.map((r) => r.id)).not.toContain(role.id);
    expect(await codeOf(updateRole(a.owner, a.t.id, role.id, { name: "Mine" }))).toBe("not_found");
    expect(await codeOf(changeMemberRole(a.owner, a.t.id, await ownerOf(a.t.id), { role: role.id }))).toBe("invalid_request");
  });
});
