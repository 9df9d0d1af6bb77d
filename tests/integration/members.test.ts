import { describe, expect, it } from "vitest";
import { changeMemberRole } from "@/lib/members/change-member-role";
import { reactivateMember, suspendMember } from "@/lib/members/change-member-status";
import { listMembers } from "@/lib/members/list-members";
import { removeMember } from "@/lib/members/remove-member";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";
import { makeTenant, staffCaller } from "../support/fixtures";
import { auditEvents, ownerQuery } from "../support/db";
import { addMember, codeOf, memberActor, membership, ownerOf, setUserLimit } from "../support/tenant-members";

const platform: TenantActor = { kind: "platform", caller: staffCaller("admin") };

describe("listMembers", () => {
  it("pages, sorts, searches and filters, in seed 000's pagination shape", async () => {
    const t = await makeTenant();
    await addMember(t.id, "viewer", { email: "zed@list.test", name: "Zed Zulu" });
    await addMember(t.id, "manager", { email: "amy@list.test", name: "Amy Alpha" });
    await addMember(t.id, "viewer", { email: "bob@list.test", name: "Bob 100% Beta", status: "suspended" });

    const all = await listMembers(platform, t.id, { sort: "email", order: "asc", page_size: "2" });
    expect(all.pagination).toEqual({ page: 1, page_size: 2, total_count: 4, total_pages: 2, has_next: true, has_prev: false });
    expect(all.members.map((m) => m.email)).toEqual(["amy@list.test", "bob@list.test"]);
    expect(all.members[0]).toMatchObject({ name: "Amy Alpha", role: "manager", role_name: "Manager", status: "active" });

    const byName = await listMembers(platform, t.id, { sort: "name", order: "desc" });
    expect(byName.members[0].name).toBe("Zed Zulu");
    expect((await listMembers(platform, t.id, { search: "ALPHA" })).members.map((m) => m.email)).toEqual(["amy@list.test"]);
    expect((await listMembers(platform, t.id, { search: "100%" })).members.map((m) => m.email)).toEqual(["bob@list.test"]);
    expect((await listMembers(platform, t.id, { status: "suspended" })).members.map((m) => m.email)).toEqual(["bob@list.test"]);
    expect((await listMembers(platform, t.id, { role: "viewer" })).pagination.total_count).toBe(2);
    expect(await codeOf(listMembers(platform, t.id, { sort: "password" }))).toBe("invalid_request");
    expect(await codeOf(listMembers(platform, t.id, { bogus: 1 }))).toBe("invalid_request");
  });
});

describe("changeMemberRole", () => {
  it("changes the role and audits member.role_changed", async () => {
    const t = await makeTenant();
    const owner = memberActor(t.id, await ownerOf(t.id));
    const m = await addMember(t.id, "viewer");
    const r = await changeMemberRole(owner, t.id, m.id, { role: "manager" });
    expect(r.member).toMatchObject({ user_id: m.id, role: "manager", role_name: "Manager" });
    const [e] = await auditEvents(m.id, "member.role_changed");
    expect(e).toMatchObject({ tenant_id: t.id, actor_type: "user", before: { role: "viewer" }, after: { role: "manager" } });
    expect(await codeOf(changeMemberRole(owner, t.id, m.id, { role: "no_such_role" }))).toBe("invalid_request");
  });

  it("refuses granting a role with permissions the actor lacks", async () => {
    const t = await makeTenant();
    const manager = memberActor(t.id, (await addMember(t.id, "manager")).id);
    const m = await addMember(t.id, "viewer");
    expect(await codeOf(changeMemberRole(manager, t.id, m.id, { role: "admin" }))).toBe("admin_privileges_required");
    expect((await membership(t.id, m.id)).role).toBe("viewer");
    expect((await changeMemberRole(manager, t.id, m.id, { role: "member" })).member.role).toBe("member");
  });

  it("lets only owners (or platform staff) grant or take away owner", async () => {
    const t = await makeTenant();
    const ownerId = await ownerOf(t.id);
    const admin = memberActor(t.id, (await addMember(t.id, "admin")).id);
    const m = await addMember(t.id, "member");
    expect(await codeOf(changeMemberRole(admin, t.id, m.id, { role: "owner" }))).toBe("admin_privileges_required");
    expect(await codeOf(changeMemberRole(admin, t.id, ownerId, { role: "member" }))).toBe("admin_privileges_required");
    expect(await codeOf(removeMember(admin, t.id, ownerId))).toBe("admin_privileges_required");
    expect(await codeOf(suspendMember(admin, t.id, ownerId))).toBe("admin_privileges_required");
    expect((await changeMemberRole(memberActor(t.id, ownerId), t.id, m.id, { role: "owner" })).member.role).toBe("owner");
    expect((await changeMemberRole(platform, t.id, m.id, { role: "admin" })).member.role).toBe("admin");
  });

  it("keeps the last owner: demoting, suspending or removing them is refused", async () => {
    const t = await makeTenant();
    const ownerId = await ownerOf(t.id);
    const owner = memberActor(t.id, ownerId);
    expect(await codeOf(changeMemberRole(owner, t.id, ownerId, { role: "admin" }))).toBe("invalid_state");
    expect(await codeOf(changeMemberRole(platform, t.id, ownerId, { role: "admin" }))).toBe("invalid_state");
    expect(await codeOf(suspendMember(platform, t.id, ownerId))).toBe("invalid_state");
    expect(await codeOf(removeMember(platform, t.id, ownerId))).toBe("invalid_state");
    expect(await membership(t.id, ownerId)).toEqual({ role: "owner", status: "active" });
  });

  it("two concurrent demotions of the last two owners leave exactly one owner", async () => {
    for (let round = 0; round < 3; round++) {
      const t = await makeTenant();
      const first = await ownerOf(t.id);
      const second = (await addMember(t.id, "owner")).id;
      const codes = await Promise.all([
        codeOf(changeMemberRole(memberActor(t.id, first), t.id, first, { role: "admin" })),
        codeOf(changeMemberRole(memberActor(t.id, second), t.id, second, { role: "admin" })),
      ]);
      expect(codes.sort()).toEqual(["invalid_state", "ok"]);
      const owners = await ownerQuery("SELECT user_id FROM memberships WHERE tenant_id = $1 AND role = 'owner' AND status = 'active'", [t.id]);
      expect(owners).toHaveLength(1);
    }
  });
});

describe("suspend, reactivate, remove", () => {
  it("a suspended member loses all access, comes back on reactivation; each step audited", async () => {
    const t = await makeTenant();
    const admin = memberActor(t.id, (await addMember(t.id, "admin")).id);
    const m = await addMember(t.id, "manager");
    expect((await suspendMember(admin, t.id, m.id)).member.status).toBe("suspended");
    expect(await codeOf(listMembers(memberActor(t.id, m.id), t.id, {}))).toBe("tenant_access_denied");
    expect(await codeOf(suspendMember(admin, t.id, m.id))).toBe("invalid_state");
    expect((await reactivateMember(admin, t.id, m.id)).member.status).toBe("active");
    expect(await codeOf(listMembers(memberActor(t.id, m.id), t.id, {}))).toBe("ok");
    expect((await auditEvents(m.id)).map((e) => e.action)).toEqual(["member.suspended", "member.reactivated"]);
    expect(await codeOf(suspendMember(admin, t.id, admin.kind === "member" ? admin.userId : ""))).toBe("invalid_state");
  });

  it("reactivation needs a free seat", async () => {
    const t = await makeTenant();
    const m = await addMember(t.id, "viewer", { status: "suspended" });
    await setUserLimit(t.id, 1); // the owner fills it
    expect(await codeOf(reactivateMember(platform, t.id, m.id))).toBe("tenant_limit_exceeded");
    await setUserLimit(t.id, null);
    expect(await codeOf(reactivateMember(platform, t.id, m.id))).toBe("ok");
  });

  it("removal ends the membership, keeps the account, and is audited", async () => {
    const t = await makeTenant();
    const m = await addMember(t.id, "member");
    expect(await removeMember(memberActor(t.id, await ownerOf(t.id)), t.id, m.id)).toEqual({ removed: true, user_id: m.id });
    expect(await membership(t.id, m.id)).toBeUndefined();
    expect(await ownerQuery("SELECT id FROM users WHERE id = $1", [m.id])).toHaveLength(1);
    expect((await auditEvents(m.id, "member.removed"))[0]).toMatchObject({ tenant_id: t.id, before: { role: "member", status: "active" } });
    expect(await codeOf(removeMember(platform, t.id, m.id))).toBe("not_found");
  });

  it("never reaches a member of another tenant", async () => {
    const [a, b] = await Promise.all([makeTenant(), makeTenant()]);
    const inB = await addMember(b.id, "viewer");
    expect(await codeOf(removeMember(platform, a.id, inB.id))).toBe("not_found");
    expect(await codeOf(changeMemberRole(platform, a.id, inB.id, { role: "admin" }))).toBe("not_found");
    expect((await membership(b.id, inB.id)).role).toBe("viewer");
  });
});
