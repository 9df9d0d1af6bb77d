import { describe, expect, it } from "vitest";
import * as usersRoute from "@/app/api/v1/tenants/[id]/users/route";
import * as userRoute from "@/app/api/v1/tenants/[id]/users/[user_id]/route";
import * as invitationsRoute from "@/app/api/v1/tenants/[id]/users/invitations/route";
import * as inviteRoute from "@/app/api/v1/tenants/[id]/users/invite/route";
import * as rolesRoute from "@/app/api/v1/tenants/[id]/roles/route";
import * as userRolesRoute from "@/app/api/v1/tenants/[id]/users/[user_id]/roles/route";
import * as userRoleRoute from "@/app/api/v1/tenants/[id]/users/[user_id]/roles/[role_id]/route";
import { verifyPassword } from "@/lib/auth/password";
import { hashInvitationToken } from "@/lib/invitations/invitation-token";
import { buildOpenApiDocument } from "@/lib/openapi/build-openapi";
import { callRoute } from "../support/call-route";
import { makeApiKey, makeTenant, uniq } from "../support/fixtures";
import { auditEvents, ownerQuery } from "../support/db";
import { addMember, membership, ownerOf, setUserLimit } from "../support/tenant-members";

let keyPromise: Promise<string> | undefined;
const key = () => (keyPromise ??= makeApiKey());
let readKeyPromise: Promise<string> | undefined;
const readKey = () => (readKeyPromise ??= makeApiKey(["tenants:read"]));

const base = (id: string) => `/api/v1/tenants/${id}`;
const listUsers = async (id: string, query = "", k?: string) =>
  callRoute(usersRoute.GET, { key: k ?? (await key()), path: `${base(id)}/users${query ? `?${query}` : ""}`, params: { id } });
const addUser = async (id: string, body: unknown, k?: string) => callRoute(usersRoute.POST, { method: "POST", key: k ?? (await key()), path: `${base(id)}/users`, params: { id }, body });
const updateUser = async (id: string, userId: string, body: unknown, k?: string) =>
  callRoute(userRoute.POST, { method: "POST", key: k ?? (await key()), path: `${base(id)}/users/${userId}`, params: { id, user_id: userId }, body });
const removeUser = async (id: string, userId: string, k?: string) =>
  callRoute(userRoute.DELETE, { method: "DELETE", key: k ?? (await key()), path: `${base(id)}/users/${userId}`, params: { id, user_id: userId } });
const invite = async (id: string, body: unknown, k?: string) => callRoute(inviteRoute.POST, { method: "POST", key: k ?? (await key()), path: `${base(id)}/users/invite`, params: { id }, body });
const listInvitations = async (id: string) => callRoute(invitationsRoute.GET, { key: await key(), path: `${base(id)}/users/invitations`, params: { id } });
const listRoles = async (id: string, k?: string) => callRoute(rolesRoute.GET, { key: k ?? (await key()), path: `${base(id)}/roles`, params: { id } });
const createRole = async (id: string, body: unknown, k?: string) => callRoute(rolesRoute.POST, { method: "POST", key: k ?? (await key()), path: `${base(id)}/roles`, params: { id }, body });
const userRoles = async (id: string, userId: string) => callRoute(userRolesRoute.GET, { key: await key(), path: `${base(id)}/users/${userId}/roles`, params: { id, user_id: userId } });
const setUserRole = async (id: string, userId: string, body: unknown) =>
  callRoute(userRolesRoute.POST, { method: "POST", key: await key(), path: `${base(id)}/users/${userId}/roles`, params: { id, user_id: userId }, body });
const deleteUserRole = async (id: string, userId: string, roleId: string) =>
  callRoute(userRoleRoute.DELETE, { method: "DELETE", key: await key(), path: `${base(id)}/users/${userId}/roles/${roleId}`, params: { id, user_id: userId, role_id: roleId } });

type Res = { status: number; json: { error?: { code: string; details?: unknown } } };
const expectError = (r: Res, status: number, code: string) => {
  expect(r.status, JSON.stringify(r.json)).toBe(status);
  expect(r.json.error?.code).toBe(code);
};

describe("GET /tenants/{id}/users", () => {
  it("pages, sorts, searches and filters by status, in seed 000's users + pagination shape", async () => {
    const t = await makeTenant();
    await addMember(t.id, "viewer", { email: "zed@api-list.test", name: "Zed Zulu" });
    await addMember(t.id, "manager", { email: "amy@api-list.test", name: "Amy Alpha" });
    await addMember(t.id, "viewer", { email: "bob@api-list.test", name: "Bob Beta", status: "suspended" });

    const page1 = await listUsers(t.id, "sort=email&order=asc&page_size=2");
    expect(page1.status).toBe(200);
    expect(page1.json.status).toBe("success");
    expect(page1.json.data.pagination).toEqual({ page: 1, page_size: 2, total_count: 4, total_pages: 2, has_next: true, has_prev: false });
    expect(page1.json.data.users.map((u: { email: string }) => u.email)).toEqual(["amy@api-list.test", "bob@api-list.test"]);
    const amy = page1.json.data.users[0];
    expect(amy).toMatchObject({ email: "amy@api-list.test", name: "Amy Alpha", role: "manager", role_name: "Manager", status: "active", last_login_at: null });
    expect(amy.id).toBe(amy.user_id);
    expect(Date.parse(amy.created_at)).not.toBeNaN();

    const page2 = await listUsers(t.id, "sort=email&order=asc&page_size=2&page=2");
    expect(page2.json.data.pagination).toMatchObject({ page: 2, has_next: false, has_prev: true });
    expect(page2.json.data.users.map((u: { email: string }) => u.email)).toEqual([`owner@${t.slug}.test`, "zed@api-list.test"]);

    const search = await listUsers(t.id, "search=ALPHA");
    expect(search.json.data.users.map((u: { email: string }) => u.email)).toEqual(["amy@api-list.test"]);
    const suspended = await listUsers(t.id, "status=suspended");
    expect(suspended.json.data.users.map((u: { email: string }) => u.email)).toEqual(["bob@api-list.test"]);
    const byName = await listUsers(t.id, "sort=name&order=desc", await readKey());
    expect(byName.status).toBe(200);
    expect(byName.json.data.users[0].name).toBe("Zed Zulu");
  });

  it("rejects unknown query parameters and bad values, naming them", async () => {
    const t = await makeTenant();
    const r = await listUsers(t.id, "colour=red");
    expectError(r, 400, "invalid_request");
    expect(r.json.error?.details).toEqual([{ path: "colour", message: "Unknown field" }]);
    const bad = await listUsers(t.id, "status=inactive");
    expectError(bad, 400, "invalid_request");
    expect(JSON.stringify(bad.json.error?.details)).toContain("status");
  });

  it("answers 404 tenant_not_found for an unknown tenant, on every route", async () => {
    const id = "tenant_0000000000000000";
    expectError(await listUsers(id), 404, "tenant_not_found");
    expectError(await listInvitations(id), 404, "tenant_not_found");
    expectError(await listRoles(id), 404, "tenant_not_found");
    expectError(await addUser(id, { user: { email: "x@nowhere.test", name: "X" } }), 404, "tenant_not_found");
    expectError(await invite(id, { emails: ["x@nowhere.test"], role: "member" }), 404, "tenant_not_found");
    expectError(await userRoles(id, "user_0000000000000000"), 404, "tenant_not_found");
  });

  it("needs an API key; on a tenant's host the platform API answers 403", async () => {
    const t = await makeTenant();
    expectError(await callRoute(usersRoute.GET, { path: `${base(t.id)}/users`, params: { id: t.id } }), 401, "authentication_required");
    const foreign = await callRoute(usersRoute.GET, { key: await key(), path: `${base(t.id)}/users`, params: { id: t.id }, headers: { host: `${t.slug}.localhost:3000` } });
    expectError(foreign, 403, "cross_tenant_access_denied");
  });
});

describe("POST /tenants/{id}/users", () => {
  it("creates an account with a hashed password, adds it, and audits member.joined", async () => {
    const t = await makeTenant();
    const email = `${uniq("new")}@add.test`;
    const r = await addUser(t.id, { user: { email: email.toUpperCase(), name: "New User", password: "SecurePassword123!", role: "manager" } });
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    expect(r.json.data.account_created).toBe(true);
    expect(r.json.data.user).toMatchObject({ email, name: "New User", role: "manager", status: "active", tenant_id: t.id });
    expect(JSON.stringify(r.json)).not.toContain("SecurePassword123!");
    const id = r.json.data.user.id as string;
    const [row] = await ownerQuery<{ password_hash: string }>("SELECT password_hash FROM users WHERE id = $1", [id]);
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(await verifyPassword("SecurePassword123!", row.password_hash)).toBe(true);
    expect(await membership(t.id, id)).toEqual({ role: "manager", status: "active" });
    const [ev] = await auditEvents(id, "member.joined");
    expect(ev).toMatchObject({ tenant_id: t.id, actor_type: "api_key" });
    expect(ev.after).toMatchObject({ email, role: "manager", added_directly: true, account_created: true });
  });

  it("adds an existing account by email (default role member), refusing a password for it and a second add", async () => {
    const t = await makeTenant();
    const other = await makeTenant();
    const existing = await addMember(other.id, "viewer");
    const withPassword = await addUser(t.id, { user: { email: existing.email, password: "AnotherPassword123!" } });
    expectError(withPassword, 409, "invalid_state");
    expect(withPassword.json.error?.details).toEqual([{ path: "user.password", message: "Only for a new account" }]);

    const r = await addUser(t.id, { user: { email: existing.email } });
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    expect(r.json.data).toMatchObject({ account_created: false, user: { id: existing.id, role: "member" } });
    expectError(await addUser(t.id, { user: { email: existing.email } }), 409, "invalid_state");
  });

  it("revokes a pending invitation for the same email", async () => {
    const t = await makeTenant();
    const email = `${uniq("inv")}@add.test`;
    expect((await invite(t.id, { emails: [email], role: "viewer" })).status).toBe(201);
    expect((await addUser(t.id, { user: { email, name: "Invited" } })).status).toBe(201);
    expect((await listInvitations(t.id)).json.data.invitations).toEqual([]);
  });

  it("rejects unknown fields naming each, a missing name and an unknown role", async () => {
    const t = await makeTenant();
    const r = await addUser(t.id, { user: { email: "p@add.test", name: "P", nickname: "Pip" }, extra: 1 });
    expectError(r, 400, "invalid_request");
    expect(r.json.error?.details).toEqual(expect.arrayContaining([{ path: "user.nickname", message: "Unknown field" }, { path: "extra", message: "Unknown field" }]));
    const noName = await addUser(t.id, { user: { email: `${uniq("n")}@add.test` } });
    expectError(noName, 400, "invalid_request");
    expect(noName.json.error?.details).toEqual([{ path: "user.name", message: "Required for a new account" }]);
    const badRole = await addUser(t.id, { user: { email: "r@add.test", name: "R", role: "wizard" } });
    expectError(badRole, 400, "invalid_request");
    expect(badRole.json.error?.details).toEqual([{ path: "user.role", message: "Unknown role" }]);
  });

  it("answers 429 tenant_limit_exceeded over the plan's user limit", async () => {
    const t = await makeTenant();
    await setUserLimit(t.id, 1); // the owner holds the only seat
    const r = await addUser(t.id, { user: { email: `${uniq("s")}@add.test`, name: "Seat" } });
    expectError(r, 429, "tenant_limit_exceeded");
    expect(r.json.error?.details).toMatchObject({ limit: 1, members: 1 });
  });

  it("a key with only tenants:read can read but not write (403)", async () => {
    const t = await makeTenant();
    const k = await readKey();
    expect((await listUsers(t.id, "", k)).status).toBe(200);
    expect((await listRoles(t.id, k)).status).toBe(200);
    expectError(await addUser(t.id, { user: { email: "ro@add.test", name: "RO" } }, k), 403, "admin_privileges_required");
    expectError(await invite(t.id, { emails: ["ro@add.test"], role: "member" }, k), 403, "admin_privileges_required");
    expectError(await createRole(t.id, { name: "Readers", permissions: [] }, k), 403, "admin_privileges_required");
    const m = await addMember(t.id, "viewer");
    expectError(await updateUser(t.id, m.id, { status: "suspended" }, k), 403, "admin_privileges_required");
    expectError(await removeUser(t.id, m.id, k), 403, "admin_privileges_required");
    expect(await membership(t.id, m.id)).toEqual({ role: "viewer", status: "active" });
  });
});

describe("POST and DELETE /tenants/{id}/users/{user_id}", () => {
  it("changes the role, suspends and reactivates, each audited", async () => {
    const t = await makeTenant();
    const m = await addMember(t.id, "viewer");
    const role = await updateUser(t.id, m.id, { role: "manager" });
    expect(role.status, JSON.stringify(role.json)).toBe(200);
    expect(role.json.data.user).toMatchObject({ id: m.id, role: "manager", role_name: "Manager", status: "active" });

    const sus = await updateUser(t.id, m.id, { status: "suspended" });
    expect(sus.json.data.user.status).toBe("suspended");
    expect((await updateUser(t.id, m.id, { status: "suspended" })).status).toBe(200); // already so: kept

    const both = await updateUser(t.id, m.id, { status: "active", role: "admin" });
    expect(both.json.data.user).toMatchObject({ role: "admin", status: "active" });
    expect(await membership(t.id, m.id)).toEqual({ role: "admin", status: "active" });

    const actions = (await auditEvents(m.id)).map((e) => [e.action, e.actor_type]);
    expect(actions).toEqual([
      ["member.role_changed", "api_key"],
      ["member.suspended", "api_key"],
      ["member.reactivated", "api_key"],
      ["member.role_changed", "api_key"],
    ]);
  });

  it("applies role and status together or not at all", async () => {
    const t = await makeTenant();
    const m = await addMember(t.id, "viewer");
    const r = await updateUser(t.id, m.id, { role: "manager", status: "active" }); // already active: kept, role applies
    expect(r.status).toBe(200);
    const bad = await updateUser(t.id, m.id, { role: "wizard", status: "suspended" });
    expectError(bad, 400, "invalid_request");
    expect(await membership(t.id, m.id)).toEqual({ role: "manager", status: "active" });
  });

  it("rejects an empty or unknown body and an unknown member", async () => {
    const t = await makeTenant();
    const m = await addMember(t.id, "viewer");
    expectError(await updateUser(t.id, m.id, {}), 400, "invalid_request");
    const unknown = await updateUser(t.id, m.id, { role: "manager", password: "x" });
    expectError(unknown, 400, "invalid_request");
    expect(unknown.json.error?.details).toEqual([{ path: "password", message: "Unknown field" }]);
    expectError(await updateUser(t.id, m.id, { status: "inactive" }), 400, "invalid_request");
    expectError(await updateUser(t.id, "user_0000000000000000", { role: "manager" }), 404, "not_found");
  });

  it("guards the last active owner (409) and removes other members, audited", async () => {
    const t = await makeTenant();
    const owner = await ownerOf(t.id);
    expectError(await updateUser(t.id, owner, { role: "admin" }), 409, "invalid_state");
    expectError(await updateUser(t.id, owner, { status: "suspended" }), 409, "invalid_state");
    expectError(await removeUser(t.id, owner), 409, "invalid_state");
    expectError(await deleteUserRole(t.id, owner, "owner"), 409, "invalid_state");
    expect(await membership(t.id, owner)).toEqual({ role: "owner", status: "active" });

    const m = await addMember(t.id, "viewer");
    const r = await removeUser(t.id, m.id);
    expect(r.status).toBe(200);
    expect(r.json.data).toEqual({ removed: true, user_id: m.id });
    expect(await membership(t.id, m.id)).toBeUndefined();
    expect((await ownerQuery("SELECT 1 FROM users WHERE id = $1", [m.id])).length).toBe(1);
    const [ev] = await auditEvents(m.id, "member.removed");
    expect(ev).toMatchObject({ tenant_id: t.id, actor_type: "api_key", before: { role: "viewer", status: "active" } });
    expectError(await removeUser(t.id, m.id), 404, "not_found");
  });

  it("reactivation takes a seat: 429 over the limit", async () => {
    const t = await makeTenant();
    const m = await addMember(t.id, "viewer", { status: "suspended" });
    await setUserLimit(t.id, 1);
    expectError(await updateUser(t.id, m.id, { status: "active" }), 429, "tenant_limit_exceeded");
  });
});

describe("invitations", () => {
  it("invites, never returning the token; lists invitations; stores only the token's hash", async () => {
    const t = await makeTenant();
    const email = `${uniq("i")}@invite.test`;
    const r = await invite(t.id, { emails: [email, email.toUpperCase()], role: "manager", expires_in_days: 3 });
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    expect(r.json.data.results).toHaveLength(1);
    const [res] = r.json.data.results;
    expect(res).toMatchObject({ email, status: "invited", invitation: { email, role: "manager", status: "pending" } });
    expect(Object.keys(res).sort()).toEqual(["email", "invitation", "status"]);
    expect(JSON.stringify(r.json)).not.toMatch(/token/i);

    const [row] = await ownerQuery<{ id: string; token_hash: string }>("SELECT id, token_hash FROM tenant_invitations WHERE tenant_id = $1 AND email = $2", [t.id, email]);
    expect(row.id).toBe(res.invitation.id);
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(r.json)).not.toContain(row.token_hash);

    const list = await listInvitations(t.id);
    expect(list.status).toBe(200);
    expect(list.json.data.invitations).toEqual([res.invitation]);
    expect(JSON.stringify(list.json)).not.toMatch(/token/i);

    const again = await invite(t.id, { emails: [email], role: "manager" });
    expect(again.status).toBe(200);
    expect(again.json.data.results[0]).toMatchObject({ email, status: "already_invited" });

    const [ev] = await auditEvents(row.id, "member.invited");
    expect(ev).toMatchObject({ tenant_id: t.id, actor_type: "api_key", after: { email, role: "manager" } });
    expect(hashInvitationToken("not-the-token")).not.toBe(row.token_hash);
  });

  it("rejects unknown fields and answers 429 over the seat limit", async () => {
    const t = await makeTenant();
    const r = await invite(t.id, { emails: ["a@invite.test"], role: "member", message: "hi" });
    expectError(r, 400, "invalid_request");
    expect(r.json.error?.details).toEqual([{ path: "message", message: "Unknown field" }]);
    await setUserLimit(t.id, 2);
    expectError(await invite(t.id, { emails: ["a@invite.test", "b@invite.test"], role: "member" }), 429, "tenant_limit_exceeded");
    expect((await listInvitations(t.id)).json.data.invitations).toEqual([]);
  });
});

describe("roles", () => {
  it("creates a custom role (audited) and lists it after the built-in ones", async () => {
    const t = await makeTenant();
    const r = await createRole(t.id, { name: "Support", description: "Helps members", permissions: ["members:read", "audit:read", "members:read"] });
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    expect(r.json.data.role).toMatchObject({ name: "Support", built_in: false, permissions: ["audit:read", "members:read"], member_count: 0 });
    expect(r.json.data.role.id).toMatch(/^role_[0-9a-f]{16}$/);
    const [ev] = await auditEvents(r.json.data.role.id, "role.created");
    expect(ev).toMatchObject({ tenant_id: t.id, actor_type: "api_key" });

    const list = await listRoles(t.id);
    expect(list.status).toBe(200);
    expect(list.json.data.roles.map((x: { id: string }) => x.id)).toEqual(["owner", "admin", "manager", "member", "viewer", r.json.data.role.id]);
    expect(list.json.data.roles[0]).toMatchObject({ built_in: true, member_count: 1 });

    expectError(await createRole(t.id, { name: "Support", permissions: [] }), 409, "invalid_state");
    const unknown = await createRole(t.id, { name: "X1", permissions: [], colour: "red" });
    expectError(unknown, 400, "invalid_request");
    expect(unknown.json.error?.details).toEqual([{ path: "colour", message: "Unknown field" }]);
    expectError(await createRole(t.id, { name: "Billing", permissions: ["billing:manage"] }), 400, "invalid_request");
  });

  it("sets a user's one role, reads it, and DELETE of the current role falls back to member", async () => {
    const t = await makeTenant();
    const m = await addMember(t.id, "viewer");
    const role = (await createRole(t.id, { name: "Support", permissions: ["members:read"] })).json.data.role;

    const get1 = await userRoles(t.id, m.id);
    expect(get1.status).toBe(200);
    expect(get1.json.data).toMatchObject({ user_id: m.id, roles: [{ id: "viewer", built_in: true }] });

    const set = await setUserRole(t.id, m.id, { role: role.id });
    expect(set.status, JSON.stringify(set.json)).toBe(200);
    expect(set.json.data.user).toMatchObject({ role: role.id, role_name: "Support" });
    const get2 = await userRoles(t.id, m.id);
    expect(get2.json.data.roles).toEqual([expect.objectContaining({ id: role.id, name: "Support", built_in: false, member_count: 1 })]);

    expectError(await deleteUserRole(t.id, m.id, "manager"), 404, "not_found");
    const del = await deleteUserRole(t.id, m.id, role.id);
    expect(del.status).toBe(200);
    expect(del.json.data.user).toMatchObject({ role: "member", role_name: "Member" });
    expect(await membership(t.id, m.id)).toEqual({ role: "member", status: "active" });
    expectError(await deleteUserRole(t.id, m.id, "member"), 409, "invalid_state");

    expect((await auditEvents(m.id, "member.role_changed")).map((e) => [e.before?.role, e.after?.role])).toEqual([
      ["viewer", role.id],
      [role.id, "member"],
    ]);
    expectError(await setUserRole(t.id, m.id, { role: "wizard" }), 400, "invalid_request");
    expectError(await setUserRole(t.id, m.id, { role_id: "manager" }), 400, "invalid_request");
    expectError(await userRoles(t.id, "user_0000000000000000"), 404, "not_found");
  });
});

describe("OpenAPI", () => {
  it("documents every members, invitations and roles path", () => {
    const doc = buildOpenApiDocument();
    const paths = doc.paths as Record<string, Record<string, { description?: string }>>;
    for (const p of ["/users", "/users/{user_id}", "/users/invitations", "/users/invite", "/roles", "/users/{user_id}/roles", "/users/{user_id}/roles/{role_id}"]) {
      expect(paths[`/api/v1/tenants/{id}${p}`], p).toBeDefined();
    }
    expect(paths["/api/v1/tenants/{id}/users/{user_id}/roles/{role_id}"].delete.description).toContain('default "member" role');
    expect(paths["/api/v1/tenants/{id}/users/invite"].post.description).toContain("delivered by email");
  });
});
