import { beforeAll, describe, expect, it } from "vitest";
import * as apiKeysRoute from "@/app/api/v1/tenants/[id]/api-keys/route";
import * as keyRoute from "@/app/api/v1/tenants/[id]/api-keys/[key_id]/route";
import * as usersRoute from "@/app/api/v1/tenants/[id]/users/route";
import * as tenantRoute from "@/app/api/v1/tenants/[id]/route";
import { NO_META, systemCaller } from "@/lib/auth/caller";
import { memberFromSessionCookie } from "@/lib/auth/session-caller";
import { verifyMemberCredentials } from "@/lib/auth/sign-in";
import { hashPassword } from "@/lib/auth/password";
import { removeMember } from "@/lib/members/remove-member";
import { suspendMember } from "@/lib/members/change-member-status";
import { createTenantApiKey, createTenantApiKeyForSlug } from "@/lib/tenant-api-keys/create-tenant-api-key";
import { revokeTenantApiKey } from "@/lib/tenant-api-keys/revoke-tenant-api-key";
import { BUILT_IN_ROLES } from "@/lib/tenant-access/permissions";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { callRoute } from "../support/call-route";
import { ownerQuery } from "../support/db";
import { cookieForClaims } from "../support/session-cookie";
import { makeApiKey, makeTenant, uniq } from "../support/fixtures";
import { addMember, codeOf, memberActor } from "../support/tenant-members";

const PASSWORD = "portal-password-123";
let A: { id: string; slug: string };
let B: { id: string; slug: string };
const hostOf = (t: { slug: string }) => `${t.slug}.localhost:3000`;

beforeAll(async () => {
  [A, B] = await Promise.all([makeTenant(), makeTenant()]);
});

const cookieFor = (token: { sub: string; host: string; kind?: string; tenantId?: string }) => cookieForClaims(token);
const memberCookie = (userId: string, t: { id: string; slug: string }, host = hostOf(t)) => cookieFor({ sub: userId, host, kind: "member", tenantId: t.id });

async function memberWithPassword(tenantId: string, role: string) {
  const m = await addMember(tenantId, role);
  await ownerQuery("UPDATE users SET password_hash = $2 WHERE id = $1", [m.id, await hashPassword(PASSWORD)]);
  return m;
}

describe("portal sign-in and sessions", () => {
  it("only an active member of the tenant signs in on its host", async () => {
    const m = await memberWithPassword(A.id, "viewer");
    expect(await verifyMemberCredentials(m.email, PASSWORD, null, A.id)).toMatchObject({ id: m.id });
    expect(await verifyMemberCredentials(m.email, PASSWORD, null, B.id)).toBeNull();
    expect(await verifyMemberCredentials(m.email, "wrong password!!", null, A.id)).toBeNull();
    const s = await memberWithPassword(A.id, "viewer");
    await ownerQuery("UPDATE memberships SET status = 'suspended' WHERE tenant_id = $1 AND user_id = $2", [A.id, s.id]);
    expect(await verifyMemberCredentials(s.email, PASSWORD, null, A.id)).toBeNull();
  });

  it("a session is valid only on the host and tenant that issued it", async () => {
    const m = await addMember(A.id, "manager");
    const cookie = await memberCookie(m.id, A);
    expect(await memberFromSessionCookie(cookie, hostOf(A), A.id, NO_META)).toMatchObject({ actor: { kind: "member", userId: m.id, tenantId: A.id }, role: "manager" });
    // The same cookie presented to another tenant's host, or naming another tenant, is nobody.
    expect(await memberFromSessionCookie(cookie, hostOf(B), B.id, NO_META)).toBeNull();
    expect(await memberFromSessionCookie(cookie, hostOf(A), B.id, NO_META)).toBeNull();
    expect(await memberFromSessionCookie(await memberCookie(m.id, B, hostOf(A)), hostOf(A), A.id, NO_META)).toBeNull();
    // A staff token (no kind, or kind staff) is not a member session, even on the tenant's host.
    expect(await memberFromSessionCookie(await cookieFor({ sub: m.id, host: hostOf(A) }), hostOf(A), A.id, NO_META)).toBeNull();
  });

  it("a member session is not a console session", async () => {
    const m = await addMember(A.id, "owner");
    await ownerQuery("UPDATE users SET platform_role = 'admin' WHERE id = $1", [m.id]);
    const res = await callRoute(tenantRoute.GET, { path: `/api/v1/tenants/${A.id}`, params: { id: A.id }, headers: { cookie: await memberCookie(m.id, A, "localhost:3000") } });
    expect(res.status).toBe(401);
  });

  it("a removed or suspended member loses access on the next request, and activity is noted", async () => {
    const [gone, paused] = await Promise.all([addMember(A.id, "member"), addMember(A.id, "member")]);
    const [c1, c2] = await Promise.all([memberCookie(gone.id, A), memberCookie(paused.id, A)]);
    expect(await memberFromSessionCookie(c1, hostOf(A), A.id, NO_META)).not.toBeNull();
    const seen = await ownerQuery<{ last_active_at: Date | null }>("SELECT last_active_at FROM memberships WHERE tenant_id = $1 AND user_id = $2", [A.id, gone.id]);
    expect(seen[0].last_active_at).toBeInstanceOf(Date);
    await removeMember(platformActor(systemCaller("test")), A.id, gone.id);
    await suspendMember(platformActor(systemCaller("test")), A.id, paused.id);
    expect(await memberFromSessionCookie(c1, hostOf(A), A.id, NO_META)).toBeNull();
    expect(await memberFromSessionCookie(c2, hostOf(A), A.id, NO_META)).toBeNull();
  });
});

describe("tenant API keys", () => {
  const listUsers = (key: string, host: string, tenantId: string) => callRoute(usersRoute.GET, { path: `/api/v1/tenants/${tenantId}/users`, params: { id: tenantId }, key, headers: { host } });

  it("a key reaches its own tenant on its own host, and nothing else", async () => {
    const { key } = await createTenantApiKey(platformActor(systemCaller("test")), A.id, { name: "sync", permissions: ["members:read"] });
    const own = await listUsers(key, hostOf(A), A.id);
    expect(own.status).toBe(200);
    expect(own.json.data.users.length).toBeGreaterThan(0);
    // Another tenant's id on its own host: refused before anything is looked up, so existence does not leak.
    for (const id of [B.id, "tnt_does_not_exist"]) {
      const r = await listUsers(key, hostOf(A), id);
      expect(r.status).toBe(403);
      expect(r.json.error.code).toBe("cross_tenant_access_denied");
    }
    for (const host of [hostOf(B), "localhost:3000"]) {
      const r = await listUsers(key, host, A.id);
      expect(r.status).toBe(403);
      expect(r.json.error.code).toBe("cross_tenant_access_denied");
    }
    // Platform routes are not tenant routes: a tenant key holds no platform permission.
    const tenant = await callRoute(tenantRoute.GET, { path: `/api/v1/tenants/${A.id}`, params: { id: A.id }, key, headers: { host: hostOf(A) } });
    expect(tenant.status).toBe(403);
    // And a platform key is not valid on a tenant's host.
    expect((await listUsers(await makeApiKey(), hostOf(A), A.id)).json.error.code).toBe("cross_tenant_access_denied");
  });

  it("a key without the permission gets 403, a revoked key 401", async () => {
    const { key, apiKey } = await createTenantApiKey(platformActor(systemCaller("test")), A.id, { name: "roles-only", permissions: ["roles:read"] });
    const r = await listUsers(key, hostOf(A), A.id);
    expect(r.status).toBe(403);
    expect(r.json.error.code).toBe("admin_privileges_required");
    await revokeTenantApiKey(platformActor(systemCaller("test")), A.id, apiKey.id);
    expect((await listUsers(key, hostOf(A), A.id)).status).toBe(401);
  });

  it("members mint keys only within their own permissions; keys are stored as digests and audited", async () => {
    const admin = await addMember(A.id, "admin");
    const viewer = await addMember(A.id, "viewer");
    expect(await codeOf(createTenantApiKey(memberActor(A.id, viewer.id), A.id, { name: "x", permissions: ["members:read"] }))).toBe("admin_privileges_required");
    expect(await codeOf(createTenantApiKey(memberActor(A.id, admin.id), A.id, { name: "x", permissions: ["owners:manage"] }))).toBe("admin_privileges_required");
    expect(await codeOf(createTenantApiKey(memberActor(A.id, admin.id), A.id, { name: "x", permissions: ["nope:nope"] }))).toBe("invalid_request");
    expect(await codeOf(createTenantApiKey(memberActor(A.id, admin.id), B.id, { name: "x", permissions: ["members:read"] }))).toBe("cross_tenant_access_denied");
    const { key, apiKey } = await createTenantApiKey(memberActor(A.id, admin.id), A.id, { name: "ci", permissions: ["members:read", "members:read", "roles:read"] });
    expect(apiKey.permissions).toEqual(["members:read", "roles:read"]);
    const rows = await ownerQuery<{ key_hash: string; scope: string; tenant_id: string }>("SELECT key_hash, scope, tenant_id FROM api_keys WHERE id = $1", [apiKey.id]);
    expect(rows[0]).toMatchObject({ scope: "tenant", tenant_id: A.id });
    expect(rows[0].key_hash).not.toContain(key.slice(4, 20));
    const audit = await ownerQuery("SELECT actor_id FROM audit_events WHERE target_id = $1 AND action = 'api_key.created'", [apiKey.id]);
    expect(audit).toEqual([{ actor_id: admin.id }]);
  });

  it("the tenant's key routes list, create (secret once) and revoke; keys cannot mint keys", async () => {
    const { key } = await createTenantApiKey(platformActor(systemCaller("test")), A.id, { name: "admin-key", permissions: [...BUILT_IN_ROLES.admin.permissions] });
    const body = { name: "child", permissions: ["members:read"] };
    const byKey = await callRoute(apiKeysRoute.POST, { method: "POST", path: `/api/v1/tenants/${A.id}/api-keys`, params: { id: A.id }, key, headers: { host: hostOf(A) }, body });
    expect([byKey.status, byKey.json.error.code]).toEqual([403, "admin_privileges_required"]);
    const created = await callRoute(apiKeysRoute.POST, { method: "POST", path: `/api/v1/tenants/${A.id}/api-keys`, params: { id: A.id }, key: await makeApiKey(), body });
    expect(created.status).toBe(201);
    expect(created.json.data.key).toMatch(/^atr_/);
    const list = await callRoute(apiKeysRoute.GET, { path: `/api/v1/tenants/${A.id}/api-keys`, params: { id: A.id }, key, headers: { host: hostOf(A) } });
    expect(list.json.data.api_keys.map((k: { name: string }) => k.name)).toContain("child");
    expect(JSON.stringify(list.json)).not.toContain(created.json.data.key);
    const id = created.json.data.api_key.id;
    const revoked = await callRoute(keyRoute.DELETE, { method: "DELETE", path: `/api/v1/tenants/${A.id}/api-keys/${id}`, params: { id: A.id, key_id: id }, key, headers: { host: hostOf(A) } });
    expect(revoked.json.data.api_key.revoked_at).not.toBeNull();
    expect((await listUsers(created.json.data.key, hostOf(A), A.id)).status).toBe(401);
  });

  it("operators mint one by slug (the CLI's service), with the admin role's permissions by default", async () => {
    const { key, apiKey } = await createTenantApiKeyForSlug(systemCaller("cli"), A.slug, { name: uniq("cli-") });
    expect(apiKey.permissions.sort()).toEqual([...BUILT_IN_ROLES.admin.permissions].sort());
    expect((await listUsers(key, hostOf(A), A.id)).status).toBe(200);
    expect(await codeOf(createTenantApiKeyForSlug(systemCaller("cli"), "no-such-tenant", { name: "x" }))).toBe("tenant_not_found");
  });
});

describe("a member's keys follow the member", () => {
  const listUsers = (key: string) => callRoute(usersRoute.GET, { path: `/api/v1/tenants/${A.id}/users`, params: { id: A.id }, key, headers: { host: hostOf(A) } });

  it("shrink with a smaller role and stop when the member is suspended or removed", async () => {
    const admin = await addMember(A.id, "admin");
    const { key } = await createTenantApiKey(memberActor(A.id, admin.id), A.id, { name: "ci", permissions: ["members:read", "api_keys:manage"] });
    expect((await listUsers(key)).status).toBe(200);
    // Demoted to a role without api_keys:manage: the key loses it too, keeps members:read.
    await ownerQuery("UPDATE memberships SET role = 'viewer' WHERE tenant_id = $1 AND user_id = $2", [A.id, admin.id]);
    expect((await listUsers(key)).status).toBe(200);
    const keys = await callRoute(apiKeysRoute.GET, { path: `/api/v1/tenants/${A.id}/api-keys`, params: { id: A.id }, key, headers: { host: hostOf(A) } });
    expect([keys.status, keys.json.error.code]).toEqual([403, "admin_privileges_required"]);
    // Suspended or removed, the member's key carries nothing: refused at authentication.
    await suspendMember(platformActor(systemCaller("test")), A.id, admin.id);
    expect((await listUsers(key)).json.error.code).toBe("authentication_required");
    await ownerQuery("UPDATE memberships SET status = 'active' WHERE tenant_id = $1 AND user_id = $2", [A.id, admin.id]);
    expect((await listUsers(key)).status).toBe(200);
    await removeMember(platformActor(systemCaller("test")), A.id, admin.id);
    expect((await listUsers(key)).status).toBe(401);
  });
});
