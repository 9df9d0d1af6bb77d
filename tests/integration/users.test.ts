import { beforeEach, describe, expect, it } from "vitest";
import { NO_META, systemCaller, type Caller } from "@/lib/auth/caller";
import type { PlatformRole } from "@/lib/auth/permissions";
import { callerFromSessionCookie, memberFromSessionCookie } from "@/lib/auth/session-caller";
import { withPlatformScope } from "@/lib/db/scope";
import { createRole } from "@/lib/roles/create-role";
import { createStaffUser } from "@/lib/users/create-staff-user";
import { changePlatformRole } from "@/lib/users/change-platform-role";
import { changeUserStatus } from "@/lib/users/change-user-status";
import { getUser } from "@/lib/users/get-user";
import { listUsers } from "@/lib/users/list-users";
import { makeTenant, staffCaller, uniq } from "../support/fixtures";
import { auditEvents, ownerQuery } from "../support/db";
import { cookieForClaims } from "../support/session-cookie";
import { isolateDatabase } from "../support/isolated-database";
import { addMember, codeOf, memberActor, ownerOf } from "../support/tenant-members";

// "The last active admin" is a fact about the whole platform; other files create admins in parallel.
isolateDatabase();

async function account(opts: { role?: PlatformRole | null; status?: "active" | "suspended"; email?: string; name?: string; lastLogin?: string } = {}) {
  const id = uniq("user_");
  const email = opts.email ?? `${id}@users.test`;
  await ownerQuery("INSERT INTO users (id, email, name, platform_role, status, last_login_at) VALUES ($1, $2, $3, $4, $5, $6)", [
    id,
    email,
    opts.name ?? `User ${id}`,
    opts.role ?? null,
    opts.status ?? "active",
    opts.lastLogin ?? null,
  ]);
  return { id, email };
}

/** A staff member who exists as an account, acting as themself. */
async function staff(role: PlatformRole) {
  const { id } = await account({ role });
  return { id, caller: staffCaller(role, id) };
}

const userRow = async (id: string) => (await ownerQuery<{ platform_role: string | null; status: string }>("SELECT platform_role, status FROM users WHERE id = $1", [id]))[0];
const activeAdmins = async () => (await ownerQuery<{ id: string }>("SELECT id FROM users WHERE platform_role = 'admin' AND status = 'active' ORDER BY id")).map((r) => r.id);

describe("listUsers", () => {
  it("searches, filters, sorts and pages every account, with its membership count", async () => {
    const tag = uniq("ls");
    const t = await makeTenant();
    const amy = await account({ email: `amy-${tag}@list.test`, name: `Amy Alpha ${tag}`, role: "operator", lastLogin: "2026-01-02T00:00:00Z" });
    const bob = await account({ email: `bob-${tag}@list.test`, name: `Bob 100% Beta ${tag}`, status: "suspended", lastLogin: "2026-03-01T00:00:00Z" });
    const zed = await account({ email: `zed-${tag}@list.test`, name: `Zed Zulu ${tag}`, role: "auditor" });
    await withPlatformScope((tx) => tx.membership.create({ data: { tenantId: t.id, userId: bob.id, role: "viewer" } }));
    const admin = staffCaller("admin");

    const page1 = await listUsers(admin, { search: tag, sort: "email", order: "asc", page_size: "2" });
    expect(page1.pagination).toEqual({ page: 1, page_size: 2, total_count: 3, total_pages: 2, has_next: true, has_prev: false });
    expect(page1.users.map((u) => u.email)).toEqual([amy.email, bob.email]);
    expect(page1.users[0]).toMatchObject({ id: amy.id, name: `Amy Alpha ${tag}`, platform_role: "operator", status: "active", memberships_count: 0 });
    expect(page1.users[1]).toMatchObject({ platform_role: null, status: "suspended", memberships_count: 1 });
    expect(page1.users[0]).not.toHaveProperty("password_hash");
    expect((await listUsers(admin, { search: tag, sort: "email", order: "asc", page_size: "2", page: "2" })).users.map((u) => u.id)).toEqual([zed.id]);

    const ids = async (q: Record<string, unknown>) => (await listUsers(admin, { search: tag, ...q })).users.map((u) => u.id);
    expect(await ids({ search: `alpha ${tag}`.toUpperCase() })).toEqual([amy.id]);
    expect(await ids({ search: `100% beta ${tag}` })).toEqual([bob.id]);
    expect(await ids({ platform_role: "auditor" })).toEqual([zed.id]);
    expect(await ids({ platform_role: "none" })).toEqual([bob.id]);
    expect(await ids({ status: "suspended" })).toEqual([bob.id]);
    expect(await ids({ sort: "name", order: "desc" })).toEqual([zed.id, bob.id, amy.id]);
    // Never signed in sorts last both ways.
    expect(await ids({ sort: "last_login_at", order: "desc" })).toEqual([bob.id, amy.id, zed.id]);
    expect(await ids({ sort: "last_login_at", order: "asc" })).toEqual([amy.id, bob.id, zed.id]);

    expect(await codeOf(listUsers(admin, { platform_role: "root" }))).toBe("invalid_request");
    expect(await codeOf(listUsers(admin, { sort: "password_hash" }))).toBe("invalid_request");
    expect(await codeOf(listUsers(admin, { bogus: 1 }))).toBe("invalid_request");
    expect(await codeOf(listUsers({ ...staffCaller("auditor"), permissions: new Set() }, {}))).toBe("admin_privileges_required");
    expect((await listUsers(staffCaller("auditor"), { search: tag })).pagination.total_count).toBe(3);
  });
});

describe("getUser", () => {
  it("shows the account's memberships in every tenant, with built-in and custom role names", async () => {
    const [a, b] = [await makeTenant({ name: "Alpha Org" }), await makeTenant({ name: "Beta Org" })];
    const { role } = await createRole(memberActor(b.id, await ownerOf(b.id)), b.id, { name: "Support Desk", permissions: ["members:read"] });
    const u = await account({ name: "Multi Tenant" });
    await withPlatformScope(async (tx) => {
      await tx.membership.create({ data: { tenantId: a.id, userId: u.id, role: "admin", joinedAt: new Date("2026-01-01T00:00:00Z") } });
      await tx.membership.create({ data: { tenantId: b.id, userId: u.id, role: role.id, status: "suspended", joinedAt: new Date("2026-02-01T00:00:00Z") } });
    });

    const r = await getUser(staffCaller("auditor"), u.id);
    expect(r.user).toMatchObject({ id: u.id, email: u.email, name: "Multi Tenant", platform_role: null, status: "active" });
    expect(r.memberships).toEqual([
      { tenant_id: a.id, tenant_name: "Alpha Org", tenant_slug: a.slug, tenant_status: "active", role: "admin", role_name: "Admin", status: "active", joined_at: "2026-01-01T00:00:00.000Z", last_active_at: null },
      { tenant_id: b.id, tenant_name: "Beta Org", tenant_slug: b.slug, tenant_status: "active", role: role.id, role_name: "Support Desk", status: "suspended", joined_at: "2026-02-01T00:00:00.000Z", last_active_at: null },
    ]);
    expect(await codeOf(getUser(staffCaller("auditor"), "user_missing"))).toBe("not_found");
    expect(await codeOf(getUser(staffCaller("auditor"), ""))).toBe("invalid_request");
  });
});

describe("changePlatformRole", () => {
  it("lets a platform admin grant, change and remove a role, audited with before and after in the same transaction", async () => {
    const { caller } = await staff("admin");
    const u = await account();
    expect((await changePlatformRole(caller, u.id, "operator")).user).toMatchObject({ id: u.id, platform_role: "operator" });
    expect((await userRow(u.id)).platform_role).toBe("operator");
    await changePlatformRole(caller, u.id, null);
    expect((await userRow(u.id)).platform_role).toBeNull();

    const events = await auditEvents(u.id, "user.platform_role_changed");
    expect(events.map((e) => [e.before, e.after])).toEqual([
      [{ platform_role: null }, { platform_role: "operator" }],
      [{ platform_role: "operator" }, { platform_role: null }],
    ]);
    expect(events[0]).toMatchObject({ tenant_id: null, actor_type: "user", actor_id: caller.id, target_type: "user" });
    // Rows written by one transaction carry its id as xmin: the change and its record committed together.
    const [{ xmin: userTx }] = await ownerQuery<{ xmin: string }>("SELECT xmin::text FROM users WHERE id = $1", [u.id]);
    const [{ xmin: auditTx }] = await ownerQuery<{ xmin: string }>("SELECT xmin::text FROM audit_events WHERE id = $1", [events[1].id]);
    expect(auditTx).toBe(userTx);

    // The same role again changes nothing and records nothing.
    await changePlatformRole(caller, u.id, null);
    expect(await auditEvents(u.id, "user.platform_role_changed")).toHaveLength(2);
  });

  it.each(["operator", "auditor"] as const)("refuses a platform %s with 403 admin_privileges_required", async (role) => {
    const u = await account({ role: "auditor" });
    const err = await changePlatformRole(staffCaller(role), u.id, "admin").catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "admin_privileges_required", status: 403 });
    expect((await userRow(u.id)).platform_role).toBe("auditor");
    expect(await auditEvents(u.id)).toEqual([]);
  });

  it("validates the role and the account", async () => {
    const { caller } = await staff("admin");
    const u = await account();
    const err = await changePlatformRole(caller, u.id, "superuser").catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "invalid_request", status: 400 });
    expect(await codeOf(changePlatformRole(caller, u.id, undefined))).toBe("invalid_request");
    expect(await codeOf(changePlatformRole(caller, "user_missing", "auditor"))).toBe("not_found");
    expect((await userRow(u.id)).platform_role).toBeNull();
  });

  it("refuses anyone changing their own platform role", async () => {
    const me = await staff("admin");
    await account({ role: "admin" }); // not the last admin: the refusal is about self
    const err = await changePlatformRole(me.caller, me.id, "operator").catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "invalid_state", status: 409 });
    expect((await userRow(me.id)).platform_role).toBe("admin");
  });
});

describe("the last active platform admin", () => {
  // Only this file's database: start each case with no admins at all.
  beforeEach(async () => {
    await ownerQuery("UPDATE users SET platform_role = 'operator' WHERE platform_role = 'admin'");
  });

  it("cannot be demoted, stripped or suspended; a suspended admin does not count", async () => {
    const only = await account({ role: "admin" });
    await account({ role: "admin", status: "suspended" });
    const key: Caller = { ...systemCaller("test"), kind: "api_key", id: "key_test" } as Caller;
    for (const attempt of [() => changePlatformRole(key, only.id, "operator"), () => changePlatformRole(key, only.id, null), () => changeUserStatus(key, only.id, "suspended")]) {
      expect(await attempt().catch((e: unknown) => e)).toMatchObject({ code: "invalid_state", status: 409 });
    }
    expect(await userRow(only.id)).toEqual({ platform_role: "admin", status: "active" });

    // With a second admin it can.
    const second = await account({ role: "admin" });
    await changePlatformRole(key, only.id, "auditor");
    expect(await activeAdmins()).toEqual([second.id]);
  });

  it("cannot be demoted by re-creating it as staff with another role either", async () => {
    const only = await account({ role: "admin" });
    expect(await codeOf(createStaffUser(systemCaller("test"), { email: only.email, name: "X", password: "long enough password", platform_role: "operator" }))).toBe("invalid_state");
    expect((await userRow(only.id)).platform_role).toBe("admin");
  });

  it("survives two admins demoting each other at the same moment: exactly one stays", async () => {
    for (let round = 0; round < 5; round++) {
      await ownerQuery("UPDATE users SET platform_role = 'operator' WHERE platform_role = 'admin'");
      const [a, b] = [await staff("admin"), await staff("admin")];
      const codes = await Promise.all([codeOf(changePlatformRole(a.caller, b.id, "operator")), codeOf(changePlatformRole(b.caller, a.id, "operator"))]);
      expect(codes.sort()).toEqual(["invalid_state", "ok"]);
      expect(await activeAdmins()).toHaveLength(1);
    }
  });

  it("survives concurrent demotion and suspension of two different admins by a third caller", async () => {
    const [a, b] = [await account({ role: "admin" }), await account({ role: "admin" })];
    const system = systemCaller("test");
    const codes = await Promise.all([codeOf(changeUserStatus(system, a.id, "suspended")), codeOf(changePlatformRole(system, b.id, null))]);
    expect(codes.sort()).toEqual(["invalid_state", "ok"]);
    expect(await activeAdmins()).toHaveLength(1);
  });
});

describe("changeUserStatus", () => {
  const cookie = (token: { sub: string; host: string; kind?: string; tenantId?: string }) => cookieForClaims(token);

  it("suspending ends the account's console and tenant sessions at once (their records go); reactivating does not revive them", async () => {
    const { caller } = await staff("admin");
    const t = await makeTenant();
    const u = await account({ role: "operator" });
    await withPlatformScope((tx) => tx.membership.create({ data: { tenantId: t.id, userId: u.id, role: "member" } }));
    const tenantHost = `${t.slug}.localhost:3000`;
    const consoleCookie = await cookie({ sub: u.id, host: "localhost:3000", kind: "staff" });
    const memberCookie = await cookie({ sub: u.id, host: tenantHost, kind: "member", tenantId: t.id });
    const sessions = async () => [
      (await callerFromSessionCookie(consoleCookie, "localhost:3000", NO_META))?.id ?? null,
      (await memberFromSessionCookie(memberCookie, tenantHost, t.id, NO_META))?.actor.userId ?? null,
    ];
    expect(await sessions()).toEqual([u.id, u.id]);

    expect((await changeUserStatus(caller, u.id, "suspended")).user.status).toBe("suspended");
    expect(await sessions()).toEqual([null, null]);
    expect(await codeOf(changeUserStatus(caller, u.id, "suspended"))).toBe("invalid_state");

    expect(await ownerQuery("SELECT id FROM auth_sessions WHERE user_id = $1", [u.id])).toEqual([]);

    await changeUserStatus(caller, u.id, "active");
    expect(await sessions()).toEqual([null, null]);
    expect((await auditEvents(u.id)).map((e) => [e.action, e.before, e.after, e.actor_id])).toEqual([
      ["user.suspended", { status: "active" }, { status: "suspended" }, caller.id],
      ["user.reactivated", { status: "suspended" }, { status: "active" }, caller.id],
    ]);
  });

  it("taking the platform role away also ends the console session", async () => {
    const { caller } = await staff("admin");
    const u = await account({ role: "auditor" });
    const c = await cookie({ sub: u.id, host: "localhost:3000", kind: "staff" });
    expect(await callerFromSessionCookie(c, "localhost:3000", NO_META)).not.toBeNull();
    await changePlatformRole(caller, u.id, null);
    expect(await callerFromSessionCookie(c, "localhost:3000", NO_META)).toBeNull();
  });

  it("refuses suspending yourself, non-admins, and unknown statuses", async () => {
    const me = await staff("admin");
    await account({ role: "admin" });
    const u = await account();
    expect(await changeUserStatus(me.caller, me.id, "suspended").catch((e: unknown) => e)).toMatchObject({ code: "invalid_state", status: 409 });
    expect(await codeOf(changeUserStatus(staffCaller("operator"), u.id, "suspended"))).toBe("admin_privileges_required");
    expect(await codeOf(changeUserStatus(me.caller, u.id, "deleted"))).toBe("invalid_request");
    expect(await userRow(me.id)).toEqual({ platform_role: "admin", status: "active" });
    expect((await userRow(u.id)).status).toBe("active");
    const tenantMember = await addMember((await makeTenant()).id, "viewer");
    expect((await changeUserStatus(me.caller, tenantMember.id, "suspended")).user.status).toBe("suspended");
  });
});
