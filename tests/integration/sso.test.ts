import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as callbackRoute from "@/app/api/sso/callback/route";
import * as startRoute from "@/app/api/sso/start/route";
import * as ssoRoute from "@/app/api/v1/tenants/[id]/sso/route";
import * as ssoTestRoute from "@/app/api/v1/tenants/[id]/sso/test/route";
import { systemCaller } from "@/lib/auth/caller";
import { hashPassword } from "@/lib/auth/password";
import { passwordStep } from "@/lib/auth/sign-in/password-step";
import { signInWithTicket } from "@/lib/auth/sign-in/redeem-ticket";
import { redeemSignInTicket } from "@/lib/auth/sign-in/sign-in-ticket";
import { forgetSecurityPolicy } from "@/lib/security-policy/get-security-policy";
import { saveSsoConnection } from "@/lib/sso/save-sso-connection";
import { SSO_REQUESTS_PER_MINUTE } from "@/lib/sso/sso-route-helpers";
import { SSO_BINDING_COOKIE } from "@/lib/sso/start-sso";
import { createTenantApiKey } from "@/lib/tenant-api-keys/create-tenant-api-key";
import { BUILT_IN_ROLES } from "@/lib/tenant-access/permissions";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { callRoute } from "../support/call-route";
import { ownerQuery } from "../support/db";
import { makeTenant, uniq } from "../support/fixtures";
import { followToCallback, startKeyMismatchIdp, startTestIdp, type TestIdp } from "../support/oidc-test-provider";
import { addMember, codeOf, membership, ownerOf } from "../support/tenant-members";

// Single sign-on against real OpenID providers (oidc-provider on loopback):
// the browser's part is played by following the provider's redirects, and the
// callback route runs exactly as Next would call it.

process.env.SSO_ALLOW_INSECURE_ISSUERS = "true";

const CLIENT_ID = "atrium-test";
const CLIENT_SECRET = "s3cret-client-value-0123456789";
const SCOPES = ["openid", "email", "profile", "groups"];
const staff = platformActor(systemCaller("test"));

type Tenant = Awaited<ReturnType<typeof makeTenant>>;
let T: Tenant;
let wrongIssuerTenant: Tenant;
let badKeyTenant: Tenant;
let idp: TestIdp;
let misnamedIdp: TestIdp;
let badKeyIdp: TestIdp;

const host = (t: Tenant) => `${t.slug}.localhost:3000`;
const redirectUri = (t: Tenant) => `http://${host(t)}/api/sso/callback`;
const domain = (t: Tenant) => `${t.slug}.example`;

async function configure(t: Tenant, issuer: string, extra: Record<string, unknown> = {}) {
  await saveSsoConnection(staff, t.id, { display_name: "Test IdP", issuer, client_id: CLIENT_ID, client_secret: CLIENT_SECRET, scopes: SCOPES, groups_claim: "groups", group_role_map: { engineering: "manager" }, enabled: true, ...extra });
}

async function verifyDomain(t: Tenant, d: string) {
  await ownerQuery("INSERT INTO tenant_email_domains (tenant_id, domain, verification_token, verified_at) VALUES ($1, $2, $3, now()) ON CONFLICT DO NOTHING", [t.id, d, uniq("tok")]);
}

async function setMethods(t: Tenant, methods: string[]) {
  await ownerQuery("INSERT INTO tenant_security_policies (tenant_id, allowed_sign_in_methods) VALUES ($1, $2) ON CONFLICT (tenant_id) DO UPDATE SET allowed_sign_in_methods = $2", [t.id, methods]);
  forgetSecurityPolicy(t.id);
}

const IP = "203.0.113.7";

async function start(t: Tenant) {
  const req = new Request(`http://${host(t)}/api/sso/start?callbackUrl=%2Fmembers`, { headers: { host: host(t), "x-atrium-client-ip": IP } });
  const res = await startRoute.GET(req);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0];
  return { status: res.status, location: res.headers.get("location") ?? "", cookie };
}

async function callback(t: Tenant, search: string, cookie: string | null) {
  const headers: Record<string, string> = { host: host(t), "x-atrium-client-ip": IP };
  if (cookie) headers.cookie = cookie;
  const res = await callbackRoute.GET(new Request(`http://${host(t)}/api/sso/callback${search}`, { headers }));
  return { status: res.status, location: res.headers.get("location") ?? "" };
}

/** Start → the provider (auto-login as the account set) → callback, as one browser. */
async function signIn(t: Tenant) {
  const s = await start(t);
  expect(s.status, s.location).toBe(303);
  const back = await followToCallback(s.location, redirectUri(t));
  return callback(t, back.search, s.cookie);
}

const ticketOf = (location: string) => new URLSearchParams(location.split("#")[1] ?? "").get("ticket");

async function lastEvent(t: Tenant, action: string) {
  const rows = await ownerQuery<{ after: Record<string, unknown>; target_label: string | null }>("SELECT after, target_label FROM audit_events WHERE tenant_id = $1 AND action = $2 ORDER BY seq DESC LIMIT 1", [t.id, action]);
  return rows[0] ?? null;
}

beforeAll(async () => {
  [T, wrongIssuerTenant, badKeyTenant] = await Promise.all([makeTenant(), makeTenant(), makeTenant()]);
  idp = await startTestIdp({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [redirectUri(T)] });
  // Served at 127.0.0.1 but calling itself localhost: the configured issuer cannot match.
  misnamedIdp = await startTestIdp({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [redirectUri(wrongIssuerTenant)], issuer: "http://localhost:1" });
  badKeyIdp = await startKeyMismatchIdp({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [redirectUri(badKeyTenant)] });
  await configure(T, idp.issuer);
  await configure(wrongIssuerTenant, `http://127.0.0.1:${misnamedIdp.port}`);
  await configure(badKeyTenant, badKeyIdp.issuer);
  await verifyDomain(T, domain(T));
  await verifyDomain(badKeyTenant, domain(badKeyTenant));
});

afterAll(async () => {
  await Promise.all([idp?.close(), misnamedIdp?.close(), badKeyIdp?.close()]);
});

describe("configuration API", () => {
  it("never returns the secret, stores it sealed, and names the bad field of a bad body", async () => {
    const { key } = await createTenantApiKey(staff, T.id, { name: "sec", permissions: ["security:manage"] });
    const got = await callRoute(ssoRoute.GET, { key, headers: { host: host(T) }, params: { id: T.id } });
    expect(got.status).toBe(200);
    expect(got.json.data.connection).toMatchObject({ issuer: idp.issuer, client_id: CLIENT_ID, client_secret: "•••• set", enabled: true, group_role_map: { engineering: "manager" } });
    expect(got.json.data.redirect_uri).toBe(redirectUri(T));
    expect(JSON.stringify(got.json)).not.toContain(CLIENT_SECRET);
    const [row] = await ownerQuery<{ client_secret_sealed: string }>("SELECT client_secret_sealed FROM tenant_sso_connections WHERE tenant_id = $1", [T.id]);
    expect(row.client_secret_sealed).toMatch(/^v1\./);
    expect(row.client_secret_sealed).not.toContain(CLIENT_SECRET);

    const before = await ownerQuery<{ n: string }>("SELECT count(*) AS n FROM audit_events WHERE tenant_id = $1", [T.id]);
    const bad = [
      [{ display_name: "X", issuer: "not a url", client_id: "c" }, "issuer"],
      [{ display_name: "X", issuer: idp.issuer, client_id: "c", default_role: "owner" }, "default_role"],
      [{ display_name: "X", issuer: idp.issuer, client_id: "c", group_role_map: { g: "no-such-role" } }, "group_role_map.g"],
      [{ display_name: "", issuer: idp.issuer, client_id: "c" }, "display_name"],
      [{ display_name: "X", issuer: idp.issuer, client_id: "c", surprise: 1 }, ""],
    ] as const;
    for (const [body, path] of bad) {
      const r = await callRoute(ssoRoute.PUT, { method: "PUT", key, headers: { host: host(T) }, params: { id: T.id }, body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      if (path) expect(JSON.stringify(r.json.error.details), path).toContain(path);
    }
    // A first configuration needs the secret.
    const fresh = await makeTenant();
    expect(await codeOf(saveSsoConnection(staff, fresh.id, { display_name: "X", issuer: idp.issuer, client_id: "c" }))).toBe("invalid_request");
    const after = await ownerQuery<{ n: string }>("SELECT count(*) AS n FROM audit_events WHERE tenant_id = $1", [T.id]);
    expect(after[0].n).toBe(before[0].n);
  });

  it("keeps the stored secret when a save leaves it out, and audits the change without it", async () => {
    const [before] = await ownerQuery<{ client_secret_sealed: string }>("SELECT client_secret_sealed FROM tenant_sso_connections WHERE tenant_id = $1", [T.id]);
    await saveSsoConnection(staff, T.id, { display_name: "Test IdP", issuer: idp.issuer, client_id: CLIENT_ID, scopes: SCOPES, groups_claim: "groups", group_role_map: { engineering: "manager" }, enabled: true });
    const [after] = await ownerQuery<{ client_secret_sealed: string }>("SELECT client_secret_sealed FROM tenant_sso_connections WHERE tenant_id = $1", [T.id]);
    expect(after.client_secret_sealed).toBe(before.client_secret_sealed);
    const ev = await lastEvent(T, "sso.connection_updated");
    expect(ev?.after).toMatchObject({ client_secret_changed: false, issuer: idp.issuer });
    expect(JSON.stringify(ev)).not.toContain(CLIENT_SECRET);
  });

  it("needs security:manage: a key without it is refused and writes nothing", async () => {
    const { key } = await createTenantApiKey(staff, T.id, { name: "members only", permissions: ["members:read"] });
    for (const [handler, method] of [
      [ssoRoute.GET, "GET"],
      [ssoRoute.PUT, "PUT"],
      [ssoRoute.DELETE, "DELETE"],
    ] as const) {
      const r = await callRoute(handler, { method, key, headers: { host: host(T) }, params: { id: T.id }, body: method === "PUT" ? {} : undefined });
      expect(r.status, method).toBe(403);
    }
    expect(await ownerQuery("SELECT 1 FROM tenant_sso_connections WHERE tenant_id = $1", [T.id])).toHaveLength(1);
  });

  it("tests discovery: ok for the real provider, a clear error for an issuer that does not match", async () => {
    const { key } = await createTenantApiKey(staff, T.id, { name: "tester", permissions: [...BUILT_IN_ROLES.admin.permissions] });
    const ok = await callRoute(ssoTestRoute.POST, { method: "POST", key, headers: { host: host(T) }, params: { id: T.id }, body: {} });
    expect(ok.status).toBe(200);
    expect(ok.json.data).toMatchObject({ ok: true, issuer: idp.issuer, supports_pkce_s256: true, error: null });
    const bad = await callRoute(ssoTestRoute.POST, { method: "POST", key, headers: { host: host(T) }, params: { id: T.id }, body: { issuer: `http://127.0.0.1:${misnamedIdp.port}` } });
    expect(bad.json.data.ok).toBe(false);
    expect(bad.json.data.error).toContain("http://localhost:1");
  });

  it("20 parallel saves never answer 500", async () => {
    const { key } = await createTenantApiKey(staff, T.id, { name: "burst", permissions: ["security:manage"] });
    const body = { display_name: "Test IdP", issuer: idp.issuer, client_id: CLIENT_ID, scopes: SCOPES, groups_claim: "groups", group_role_map: { engineering: "manager" }, enabled: true };
    const results = await Promise.all(Array.from({ length: 20 }, () => callRoute(ssoRoute.PUT, { method: "PUT", key, headers: { host: host(T) }, params: { id: T.id }, body })));
    expect(results.map((r) => r.status).filter((s) => s >= 500)).toEqual([]);
  });
});

describe("sign-in with the loopback provider", () => {
  it("JIT: a new address in a verified domain joins with the role its group maps to, and gets a ticket for an sso session", async () => {
    const email = `${uniq("new")}@${domain(T)}`;
    idp.setAccount({ sub: uniq("sub"), email, email_verified: true, name: "Nova Jit", groups: ["staff", "engineering"] });
    const r = await signIn(T);
    expect(r.status).toBe(303);
    expect(r.location).toMatch(/^\/login\/sso#ticket=/);
    const ticket = ticketOf(r.location)!;
    expect(new URLSearchParams(r.location.split("#")[1]).get("next")).toBe("/members");
    const claims = await redeemSignInTicket(ticket, host(T));
    expect(claims).toMatchObject({ kind: "member", tenantId: T.id, method: "sso", secondFactor: null });
    const [user] = await ownerQuery<{ id: string; name: string; password_hash: string | null }>("SELECT id, name, password_hash FROM users WHERE email = $1", [email]);
    expect(user).toMatchObject({ id: claims!.userId, name: "Nova Jit", password_hash: null });
    expect(await membership(T.id, user.id)).toEqual({ role: "manager", status: "active" });
    expect((await lastEvent(T, "member.joined_by_sso"))?.after).toMatchObject({ email, role: "manager", account_created: true });
    expect((await lastEvent(T, "sso.sign_in_succeeded"))?.after).toMatchObject({ email, joined: true });
    // The ticket is single use.
    expect(await redeemSignInTicket(ticket, host(T))).toBeNull();
  });

  it("without a mapped group a new member joins with the default role; an existing member of any domain signs in as themself", async () => {
    const email = `${uniq("plain")}@${domain(T)}`;
    idp.setAccount({ sub: uniq("sub"), email, email_verified: true, groups: ["sales"] });
    const r = await signIn(T);
    const claims = await redeemSignInTicket(ticketOf(r.location)!, host(T));
    expect(await membership(T.id, claims!.userId)).toEqual({ role: "member", status: "active" });

    const existing = await addMember(T.id, "viewer", { email: `${uniq("old")}@elsewhere.example` });
    idp.setAccount({ sub: uniq("sub"), email: existing.email.toUpperCase(), email_verified: true });
    const again = await signIn(T);
    expect((await redeemSignInTicket(ticketOf(again.location)!, host(T)))?.userId).toBe(existing.id);
    expect(await membership(T.id, existing.id)).toEqual({ role: "viewer", status: "active" });
  });

  it("refuses an address outside the tenant's verified domains", async () => {
    const email = `${uniq("out")}@not-verified.example`;
    idp.setAccount({ sub: uniq("sub"), email, email_verified: true });
    const r = await signIn(T);
    expect(r.location).toBe("/login?sso_error=email_domain_not_allowed");
    expect(await ownerQuery("SELECT 1 FROM users WHERE email = $1", [email])).toHaveLength(0);
    expect((await lastEvent(T, "sso.sign_in_refused"))?.after).toMatchObject({ reason: "email_domain_not_allowed", email });
  });

  it("refuses an email the provider has not verified", async () => {
    const email = `${uniq("unverified")}@${domain(T)}`;
    idp.setAccount({ sub: uniq("sub"), email, email_verified: false });
    const r = await signIn(T);
    expect(r.location).toBe("/login?sso_error=email_not_verified");
    expect(await ownerQuery("SELECT 1 FROM users WHERE email = $1", [email])).toHaveLength(0);
    expect((await lastEvent(T, "sso.sign_in_refused"))?.after).toMatchObject({ reason: "email_not_verified", email });
  });

  it("refuses a state that was tampered with, replayed, or sent by another browser", async () => {
    idp.setAccount({ sub: uniq("sub"), email: `${uniq("s")}@${domain(T)}`, email_verified: true });
    const s = await start(T);
    const back = await followToCallback(s.location, redirectUri(T));
    const tampered = new URLSearchParams(back.search);
    tampered.set("state", `${tampered.get("state")}x`);
    expect((await callback(T, `?${tampered}`, s.cookie)).location).toBe("/login?sso_error=state_mismatch");
    expect((await lastEvent(T, "sso.sign_in_refused"))?.after).toMatchObject({ reason: "state_mismatch" });
    // Another browser (no binding cookie, or someone else's) cannot finish it; nor can anyone once it is used.
    expect((await callback(T, back.search, `${SSO_BINDING_COOKIE}=someone-elses`)).location).toBe("/login?sso_error=state_mismatch");
    expect((await callback(T, back.search, s.cookie)).location).toBe("/login?sso_error=state_mismatch");

    const fresh = await start(T);
    const back2 = await followToCallback(fresh.location, redirectUri(T));
    expect((await callback(T, back2.search, fresh.cookie)).location).toMatch(/^\/login\/sso#ticket=/);
    expect((await callback(T, back2.search, fresh.cookie)).location).toBe("/login?sso_error=state_mismatch");
  });

  it("refuses a provider whose discovery names another issuer", async () => {
    const r = await start(wrongIssuerTenant);
    expect(r.location).toBe("/login?sso_error=wrong_issuer");
    expect((await lastEvent(wrongIssuerTenant, "sso.sign_in_refused"))?.after).toMatchObject({ reason: "wrong_issuer" });
  });

  it("refuses an ID token signed by a key the provider does not publish", async () => {
    const email = `${uniq("sig")}@${domain(badKeyTenant)}`;
    badKeyIdp.setAccount({ sub: uniq("sub"), email, email_verified: true });
    const r = await signIn(badKeyTenant);
    expect(r.location).toBe("/login?sso_error=bad_signature");
    expect(await ownerQuery("SELECT 1 FROM users WHERE email = $1", [email])).toHaveLength(0);
    expect((await lastEvent(badKeyTenant, "sso.sign_in_refused"))?.after).toMatchObject({ reason: "bad_signature" });
  });

  it("limits starts and callbacks per address: past the minute's allowance the login page says so", async () => {
    const ip = `198.51.100.${Math.floor(Math.random() * 200) + 1}`;
    const go = () => startRoute.GET(new Request(`http://${host(T)}/api/sso/start`, { headers: { host: host(T), "x-atrium-client-ip": ip } }));
    const answers = await Promise.all(Array.from({ length: SSO_REQUESTS_PER_MINUTE }, go));
    expect(answers.filter((r) => r.headers.get("location")?.startsWith(idp.issuer))).toHaveLength(SSO_REQUESTS_PER_MINUTE);
    expect((await go()).headers.get("location")).toBe("/login?sso_error=too_many_attempts");
  });

  it("refuses when the connection is disabled or the policy does not allow SSO", async () => {
    const t = await makeTenant();
    await configure(t, idp.issuer, { enabled: false });
    expect((await start(t)).location).toBe("/login?sso_error=sso_disabled");
    await configure(t, idp.issuer, { enabled: true });
    await setMethods(t, ["password"]);
    expect((await start(t)).location).toBe("/login?sso_error=sso_not_allowed");
    expect((await lastEvent(t, "sso.sign_in_refused"))?.after).toMatchObject({ reason: "sso_not_allowed" });
  });
});

describe("SSO required: passwords closed to members, owners' break glass audited", () => {
  it("refuses a member's password and lets an owner in as break_glass with an alert to every owner", async () => {
    const t = await makeTenant();
    await configure(t, idp.issuer);
    await setMethods(t, ["sso"]);
    const site = { kind: "tenant" as const, host: host(t), tenantId: t.id, tenantSlug: t.slug };
    const password = "correct horse battery staple";
    const hash = await hashPassword(password);
    const member = await addMember(t.id, "admin");
    const ownerId = await ownerOf(t.id);
    await ownerQuery("UPDATE users SET password_hash = $2 WHERE id = ANY($1)", [[member.id, ownerId], hash]);
    const [owner] = await ownerQuery<{ email: string }>("SELECT email FROM users WHERE id = $1", [ownerId]);

    expect(await codeOf(passwordStep(site, member.email, password, IP, "test"))).toBe("sign_in_method_not_allowed");
    const step = await passwordStep(site, owner.email, password, IP, "test");
    expect(step.next).toBe("complete");
    if (step.next !== "complete") return;
    // Audited when the session starts (what the next-auth "ticket" provider runs), not before.
    expect(await lastEvent(t, "security.break_glass_sign_in")).toBeNull();
    const signedIn = await signInWithTicket(step.ticket, host(t), IP, "test");
    expect(signedIn).toMatchObject({ id: ownerId });
    const [session] = await ownerQuery<{ method: string }>("SELECT method FROM auth_sessions WHERE id = $1", [signedIn!.sid]);
    expect(session.method).toBe("break_glass");
    expect((await lastEvent(t, "security.break_glass_sign_in"))?.after).toMatchObject({ kind: "break_glass_sign_in", email: owner.email, ip: IP, session_id: signedIn!.sid });
    const mails = await ownerQuery<{ to_address: string }>("SELECT to_address FROM mail_outbox WHERE tenant_id = $1 AND kind = 'security_alert'", [t.id]);
    expect(mails.map((m) => m.to_address)).toContain(owner.email);
  });
});
