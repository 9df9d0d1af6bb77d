import { encode } from "next-auth/jwt";
import { beforeAll, describe, expect, it } from "vitest";
import * as tenantsRoute from "@/app/api/v1/tenants/route";
import * as tenantRoute from "@/app/api/v1/tenants/[id]/route";
import * as suspendRoute from "@/app/api/v1/tenants/[id]/suspend/route";
import { createPlatformApiKey, listPlatformApiKeys, revokePlatformApiKey } from "@/lib/auth/api-keys";
import { systemCaller } from "@/lib/auth/caller";
import type { PlatformRole } from "@/lib/auth/permissions";
import { AppError } from "@/lib/http/errors";
import { createTenantSchema } from "@/lib/schemas/tenant";
import { changeTenantStatus } from "@/lib/tenants/change-tenant-status";
import { createTenant } from "@/lib/tenants/create-tenant";
import { getTenant } from "@/lib/tenants/get-tenant";
import { listTenants } from "@/lib/tenants/list-tenants";
import { cancelTenantDeletion, scheduleTenantDeletion } from "@/lib/tenants/tenant-deletion";
import { updateTenant } from "@/lib/tenants/update-tenant";
import { createStaffUser } from "@/lib/users/create-staff-user";
import { callRoute } from "../support/call-route";
import { makeApiKey, makeTenant, staffCaller, uniq } from "../support/fixtures";
import { auditEvents, ownerQuery, tenantRow } from "../support/db";
import { cookieForClaims } from "../support/session-cookie";

type Tenant = Awaited<ReturnType<typeof makeTenant>>;
let tenant: Tenant;

beforeAll(async () => {
  tenant = await makeTenant();
});

const getOne = (opts: { key?: string; headers?: Record<string, string> }) => callRoute(tenantRoute.GET, { ...opts, path: `/api/v1/tenants/${tenant.id}`, params: { id: tenant.id } });

const expectDenied = async (p: Promise<unknown>, code = "admin_privileges_required") => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  expect((err as AppError).status).toBe(403);
};

describe("API keys", () => {
  it("no Authorization → 401 authentication_required with WWW-Authenticate", async () => {
    const r = await getOne({});
    expect(r.status).toBe(401);
    expect(r.json.error.code).toBe("authentication_required");
    expect(r.headers.get("www-authenticate")).toBe("Bearer");
    const list = await callRoute(tenantsRoute.GET, {});
    expect(list.status).toBe(401);
    const create = await callRoute(tenantsRoute.POST, { method: "POST", body: { tenant: {} } });
    expect(create.status).toBe(401);
  });

  it.each([
    ["an unknown key", "Bearer atr_unknownunknownunknownunknownunknown"],
    ["a key without the prefix", "Bearer sk_live_123"],
    ["a malformed header", "Bearer"],
    ["another scheme", "Basic dXNlcjpwYXNz"],
    ["an absurdly long key", `Bearer atr_${"x".repeat(500)}`],
  ])("%s → 401", async (_what, authorization) => {
    const r = await getOne({ headers: { authorization } });
    expect(r.status).toBe(401);
    expect(r.json.error.code).toBe("authentication_required");
  });

  it("a revoked key → 401, and the revocation is audited", async () => {
    const { key, apiKey } = await createPlatformApiKey(systemCaller("test"), { name: uniq("key-") });
    expect((await getOne({ key })).status).toBe(200);
    await revokePlatformApiKey(systemCaller("test"), apiKey.id);
    const r = await getOne({ key });
    expect(r.status).toBe(401);
    expect(r.json.error.code).toBe("authentication_required");
    expect((await auditEvents(apiKey.id)).map((e) => e.action)).toEqual(["api_key.created", "api_key.revoked"]);
  });

  it("keys are stored only as a SHA-256 digest and carry 256 bits", async () => {
    const { key, apiKey } = await createPlatformApiKey(systemCaller("test"), { name: uniq("key-") });
    expect(key).toMatch(/^atr_[A-Za-z0-9_-]{43}$/);
    const [row] = await ownerQuery<{ key_hash: string; prefix: string }>("SELECT key_hash, prefix FROM api_keys WHERE id = $1", [apiKey.id]);
    expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.key_hash).not.toContain(key.slice(4));
    expect(key.startsWith(row.prefix)).toBe(true);
    expect(JSON.stringify(await auditEvents(apiKey.id))).not.toContain(key);
  });

  it("a key without tenants:create → 403 admin_privileges_required; its reads work", async () => {
    const key = await makeApiKey(["tenants:read"]);
    const slug = uniq("perm-");
    const r = await callRoute(tenantsRoute.POST, { method: "POST", key, body: { tenant: { name: "Nope Inc", slug, admin_user: { email: `a@${slug}.test`, name: "A" } } } });
    expect(r.status).toBe(403);
    expect(r.json.error.code).toBe("admin_privileges_required");
    expect(r.json.error.details).toEqual({ permission: "tenants:create" });
    expect(await ownerQuery("SELECT 1 FROM tenants WHERE slug = $1", [slug])).toEqual([]);
    expect((await getOne({ key })).status).toBe(200);
    const s = await callRoute(suspendRoute.POST, { method: "POST", key, path: `/api/v1/tenants/${tenant.id}/suspend`, params: { id: tenant.id }, body: {} });
    expect(s.status).toBe(403);
    const d = await callRoute(tenantRoute.DELETE, { method: "DELETE", key, path: `/api/v1/tenants/${tenant.id}?confirmation=DELETE_PERMANENTLY`, params: { id: tenant.id } });
    expect(d.status).toBe(403);
    expect((await tenantRow(tenant.id))!.status).toBe("active");
  });

  it("a key cannot grant permissions its creator does not hold", async () => {
    const keyManager = { ...staffCaller("admin"), permissions: new Set(["api_keys:manage", "tenants:read"] as const) };
    await expectDenied(createPlatformApiKey(keyManager, { name: "x", permissions: ["tenants:delete"] }));
    expect((await createPlatformApiKey(keyManager, { name: uniq("key-"), permissions: ["tenants:read"] })).apiKey.permissions).toEqual(["tenants:read"]);
  });

  it("sets last_used_at when a key is used", async () => {
    const { key, apiKey } = await createPlatformApiKey(systemCaller("test"), { name: uniq("key-") });
    expect(apiKey.last_used_at).toBeNull();
    const before = await ownerQuery<{ last_used_at: Date | null }>("SELECT last_used_at FROM api_keys WHERE id = $1", [apiKey.id]);
    expect(before[0].last_used_at).toBeNull();
    const started = Date.now();
    expect((await getOne({ key })).status).toBe(200);
    const [after] = await ownerQuery<{ last_used_at: Date | null }>("SELECT last_used_at FROM api_keys WHERE id = $1", [apiKey.id]);
    expect(after.last_used_at).toBeInstanceOf(Date);
    expect(after.last_used_at!.getTime()).toBeGreaterThan(started - 5_000);
  });
});

describe("platform roles in the services", () => {
  const input = () => {
    const slug = uniq("role-");
    return createTenantSchema.parse({ tenant: { name: `Role ${slug}`, slug, admin_user: { email: `a@${slug}.test`, name: "A" } } });
  };

  it("an auditor may read but every mutation is refused", async () => {
    const auditor = staffCaller("auditor");
    expect((await getTenant(auditor, tenant.id)).body.tenant.id).toBe(tenant.id);
    expect((await listTenants(auditor, { page: 1, page_size: 5, sort: "created_at", order: "desc" })).tenants.length).toBeGreaterThan(0);

    await expectDenied(createTenant(auditor, input()));
    await expectDenied(updateTenant(auditor, tenant.id, { name: "Audited" }));
    await expectDenied(changeTenantStatus(auditor, tenant.id, "suspend"));
    await expectDenied(changeTenantStatus(auditor, tenant.id, "archive"));
    await expectDenied(changeTenantStatus(auditor, tenant.id, "reactivate"));
    await expectDenied(scheduleTenantDeletion(auditor, tenant.id, 7));
    await expectDenied(cancelTenantDeletion(auditor, tenant.id));
    await expectDenied(createPlatformApiKey(auditor, { name: "x" }));
    await expectDenied(createStaffUser(auditor, { email: "x@y.test", name: "X", password: "long enough password", platform_role: "admin" }));

    const row = await tenantRow(tenant.id);
    expect(row).toMatchObject({ status: "active", name: tenant.name });
    expect((await auditEvents(tenant.id)).filter((e) => e.actor_id === auditor.id)).toEqual([]);
  });

  it("an operator may update and suspend but neither delete nor manage API keys or staff", async () => {
    const t = await makeTenant();
    const operator = staffCaller("operator");
    expect((await updateTenant(operator, t.id, { name: "Operated" })).changes_applied).toEqual(["name_updated"]);
    expect((await changeTenantStatus(operator, t.id, "suspend")).tenant.status).toBe("suspended");
    await expectDenied(scheduleTenantDeletion(operator, t.id, 7));
    await expectDenied(createPlatformApiKey(operator, { name: "x" }));
    await expectDenied(listPlatformApiKeys(operator));
    await expectDenied(revokePlatformApiKey(operator, "key_0000000000000000"));
    await expectDenied(createStaffUser(operator, { email: "x@y.test", name: "X", password: "long enough password", platform_role: "admin" }));
    expect((await tenantRow(t.id))!.status).toBe("suspended");
  });
});

describe("session cookies", () => {
  const secret = () => process.env.NEXTAUTH_SECRET!;

  async function staffUser(role: PlatformRole | null, status = "active") {
    const id = uniq("user_");
    await ownerQuery("INSERT INTO users (id, email, name, platform_role, status) VALUES ($1, $2, $3, $4, $5)", [id, `${id}@staff.test`, "Staff", role, status]);
    return id;
  }
  // A real session record for an existing account (as signing in creates); an unknown account gets a made-up session id.
  const cookieFor = async (sub: string, host = "localhost:3000", maxAge?: number, signWith = secret()) =>
    (await ownerQuery("SELECT 1 FROM users WHERE id = $1", [sub])).length > 0
      ? cookieForClaims({ sub, host }, { maxAge, secret: signWith })
      : `next-auth.session-token=${await encode({ token: { sub, host, sid: "ses_unknown" }, secret: signWith })}`;

  const put = (cookie: string, headers: Record<string, string> = {}, body: unknown = { name: `Cookie ${uniq()}` }) =>
    callRoute(tenantRoute.PUT, { method: "PUT", path: `/api/v1/tenants/${tenant.id}`, params: { id: tenant.id }, headers: { cookie, ...headers }, body });

  it("a valid session reads without Origin, and mutates with the same-host Origin (audited as the user)", async () => {
    const id = await staffUser("admin");
    const cookie = await cookieFor(id);
    expect((await getOne({ headers: { cookie } })).status).toBe(200);
    const r = await put(cookie, { origin: "http://localhost:3000" }, { settings: { locale: "fr-FR" } });
    expect(r.status).toBe(200);
    const [event] = (await auditEvents(tenant.id, "tenant.updated")).filter((e) => e.actor_id === id);
    expect(event).toMatchObject({ actor_type: "user", actor_label: `${id}@staff.test` });
  });

  it.each([
    ["no Origin", {}],
    ["Origin: null", { origin: "null" }],
    ["a foreign Origin", { origin: "https://evil.example" }],
    ["another port", { origin: "http://localhost:3001" }],
    ["a tenant subdomain", { origin: "http://acme.localhost:3000" }],
    ["a garbage Origin", { origin: "::::" }],
  ])("a cookie mutation with %s → 403 origin_not_allowed", async (_what, headers) => {
    const id = await staffUser("admin");
    const before = (await tenantRow(tenant.id))!.version;
    const r = await put(await cookieFor(id), headers);
    expect(r.status).toBe(403);
    expect(r.json.error.code).toBe("origin_not_allowed");
    expect((await tenantRow(tenant.id))!.version).toBe(before);
  });

  it("the Origin check also guards cookie POSTs and DELETEs", async () => {
    const cookie = await cookieFor(await staffUser("admin"));
    const p = await callRoute(tenantsRoute.POST, { method: "POST", headers: { cookie, origin: "https://evil.example" }, body: { tenant: {} } });
    expect(p.status).toBe(403);
    expect(p.json.error.code).toBe("origin_not_allowed");
    const d = await callRoute(tenantRoute.DELETE, { method: "DELETE", path: `/api/v1/tenants/${tenant.id}?confirmation=DELETE_PERMANENTLY`, params: { id: tenant.id }, headers: { cookie } });
    expect(d.status).toBe(403);
    expect(d.json.error.code).toBe("origin_not_allowed");
    expect((await tenantRow(tenant.id))!.status).toBe("active");
  });

  it("API-key calls need no Origin (they are not sent by browsers on their own)", async () => {
    const key = await makeApiKey();
    const r = await callRoute(tenantRoute.PUT, { method: "PUT", key, path: `/api/v1/tenants/${tenant.id}`, params: { id: tenant.id }, body: { settings: { currency: "EUR" } } });
    expect(r.status).toBe(200);
  });

  it("a session issued for another host is refused", async () => {
    const id = await staffUser("admin");
    const r = await getOne({ headers: { cookie: await cookieFor(id, "acme.localhost:3000") } });
    expect(r.status).toBe(401);
    expect(r.json.error.code).toBe("authentication_required");
    // The same user's session for this host works.
    expect((await getOne({ headers: { cookie: await cookieFor(id) } })).status).toBe(200);
  });

  it.each([
    ["a suspended account", async () => cookieFor(await staffUser("admin", "suspended"))],
    ["an account without a platform role", async () => cookieFor(await staffUser(null))],
    ["an unknown account", async () => cookieFor("user_doesnotexist")],
    ["an expired session", async () => cookieFor(await staffUser("admin"), "localhost:3000", -60)],
    ["a token sealed with another secret", async () => cookieFor(await staffUser("admin"), "localhost:3000", undefined, "some-other-secret-0123456789abcdef")],
    ["a garbage cookie", async () => "next-auth.session-token=not-a-jwt"],
    ["a cookie with a malformed %-escape", async () => "next-auth.session-token=%E0%A4%A"],
  ])("%s → 401", async (_what, make) => {
    const r = await getOne({ headers: { cookie: await make() } });
    expect(r.status).toBe(401);
    expect(r.json.error.code).toBe("authentication_required");
  });

  it("the session's role decides: an operator cannot delete, an auditor cannot update", async () => {
    const operator = await cookieFor(await staffUser("operator"));
    const d = await callRoute(tenantRoute.DELETE, {
      method: "DELETE",
      path: `/api/v1/tenants/${tenant.id}?confirmation=DELETE_PERMANENTLY`,
      params: { id: tenant.id },
      headers: { cookie: operator, origin: "http://localhost:3000" },
    });
    expect(d.status).toBe(403);
    expect(d.json.error.code).toBe("admin_privileges_required");
    const auditor = await cookieFor(await staffUser("auditor"));
    const u = await put(auditor, { origin: "http://localhost:3000" });
    expect(u.status).toBe(403);
    expect(u.json.error.code).toBe("admin_privileges_required");
    expect((await getOne({ headers: { cookie: auditor } })).status).toBe(200);
  });

  it("a role removed or an account suspended ends access at the next request", async () => {
    const id = await staffUser("admin");
    const cookie = await cookieFor(id);
    expect((await getOne({ headers: { cookie } })).status).toBe(200);
    await ownerQuery("UPDATE users SET status = 'suspended' WHERE id = $1", [id]);
    expect((await getOne({ headers: { cookie } })).status).toBe(401);
  });
});
