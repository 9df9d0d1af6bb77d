import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as accountPasskeys from "@/app/api/account/passkeys/route";
import * as accountPasskey from "@/app/api/account/passkeys/[id]/route";
import * as registrationOptions from "@/app/api/account/passkeys/options/route";
import * as signInOptions from "@/app/api/sign-in/passkey/options/route";
import * as signInVerify from "@/app/api/sign-in/passkey/verify/route";
import { issueOneTimeToken } from "@/lib/auth/one-time-tokens";
import { createAuthSession } from "@/lib/auth/sessions/create-auth-session";
import { redeemSignInTicket } from "@/lib/auth/sign-in/sign-in-ticket";
import { forgetSecurityPolicy } from "@/lib/security-policy/get-security-policy";
import { callRoute } from "../support/call-route";
import { auditEvents, ownerQuery } from "../support/db";
import { makeTenant, uniq } from "../support/fixtures";
import { signedInSession } from "../support/session-cookie";
import { assert, createPasskey, type SoftwarePasskey } from "../support/software-authenticator";

// Passkeys end to end through the route handlers, with a software authenticator
// (real ES256 keys, "none" attestation) and real verification by
// @simplewebauthn/server on real PostgreSQL.

const CONSOLE = "localhost:3000";
const origin = (host: string) => `http://${host}`;
const ip = () => `203.0.113.${uniq("")}`;

type Res = Awaited<ReturnType<typeof callRoute>>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- route handlers of several shapes
type AnyHandler = (req: Request, ctx: any) => Promise<Response>;

function call(handler: AnyHandler, host: string, opts: { method?: string; body?: unknown; cookie?: string; ip?: string; origin?: string | null; params?: Record<string, string> } = {}): Promise<Res> {
  const headers: Record<string, string> = { host, "x-atrium-client-ip": opts.ip ?? "192.0.2.1" };
  if (opts.origin !== null) headers.origin = opts.origin ?? origin(host);
  if (opts.cookie) headers.cookie = opts.cookie;
  return callRoute(handler, { method: opts.method ?? "POST", path: "/api/x", headers, body: opts.body, params: opts.params });
}

let tenantA: Awaited<ReturnType<typeof makeTenant>>;
let tenantB: Awaited<ReturnType<typeof makeTenant>>;
let hostA: string;
let hostB: string;

/** A member of both tenants (so only the host can tell the passkeys apart) with a session on `host`. */
async function member(opts: { tenants?: { id: string }[] } = {}) {
  const id = uniq("user_");
  const email = `${id}@passkeys.test`;
  await ownerQuery("INSERT INTO users (id, email, name) VALUES ($1, $2, 'Pat Passkey')", [id, email]);
  for (const t of opts.tenants ?? [tenantA, tenantB]) await ownerQuery("INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, 'member')", [t.id, id]);
  return { id, email };
}

async function staff() {
  const id = uniq("user_");
  const email = `${id}@atrium.test`;
  await ownerQuery("INSERT INTO users (id, email, name, platform_role) VALUES ($1, $2, 'Sam Staff', 'operator')", [id, email]);
  return { id, email };
}

const memberCookie = async (userId: string, tenant: { id: string }, host: string) => (await signedInSession({ userId, host, kind: "member", tenantId: tenant.id })).cookie;

/** Registers a passkey through the routes as the browser would; answers the software passkey and the created row. */
async function register(host: string, cookie: string, name = "Laptop"): Promise<{ passkey: SoftwarePasskey; row: Record<string, unknown> }> {
  const opts = await call(registrationOptions.POST, host, { cookie });
  expect(opts.status, JSON.stringify(opts.json)).toBe(200);
  const { passkey, response } = createPasskey(opts.json.data.options, origin(host));
  const created = await call(accountPasskeys.POST, host, { cookie, body: { state: opts.json.data.state, name, response } });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  return { passkey, row: created.json.data.passkey };
}

async function passwordlessOptions(host: string, from = "192.0.2.1") {
  const r = await call(signInOptions.POST, host, { body: {}, ip: from });
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return r.json.data as { state: string; options: { challenge: string; rpId: string; allowCredentials?: { id: string }[]; userVerification: string } };
}

/** What the password step hands the second-factor step (lib/auth/sign-in/password-step.ts). */
function passwordChallenge(userId: string, host: string, tenantId: string | null) {
  const kind = tenantId ? "member" : "staff";
  return issueOneTimeToken({ purpose: "second_factor_challenge", host, ttlSeconds: 300, userId, tenantId, data: { kind, tenantId, method: "password" } });
}

beforeAll(async () => {
  [tenantA, tenantB] = await Promise.all([makeTenant(), makeTenant()]);
  hostA = `${tenantA.slug}.${CONSOLE}`;
  hostB = `${tenantB.slug}.${CONSOLE}`;
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("registering a passkey", () => {
  it("stores it for the host's RP ID (host name without port), lists it on that host only, and audits security.passkey_added with a mail", async () => {
    const m = await member();
    const cookieA = await memberCookie(m.id, tenantA, hostA);
    const { row } = await register(hostA, cookieA, "  Work laptop ");
    expect(row).toMatchObject({ name: "Work laptop", rp_id: `${tenantA.slug}.localhost`, last_used_at: null });
    const [stored] = await ownerQuery<{ rp_id: string; user_id: string; counter: string; transports: string[] }>("SELECT rp_id, user_id, counter, transports FROM user_passkeys WHERE id = $1", [row.id]);
    expect(stored).toEqual({ rp_id: `${tenantA.slug}.localhost`, user_id: m.id, counter: "0", transports: ["internal"] });

    const listA = await call(accountPasskeys.GET, hostA, { method: "GET", cookie: cookieA, origin: null });
    expect(listA.json.data.passkeys.map((p: { id: string }) => p.id)).toEqual([row.id]);
    const listB = await call(accountPasskeys.GET, hostB, { method: "GET", cookie: await memberCookie(m.id, tenantB, hostB), origin: null });
    expect(listB.status).toBe(200);
    expect(listB.json.data.passkeys).toEqual([]);

    const [event] = await auditEvents(m.id, "security.passkey_added");
    expect(event).toMatchObject({ tenant_id: tenantA.id, after: expect.objectContaining({ name: "Work laptop", host: `${tenantA.slug}.localhost` }) });
    const mails = await ownerQuery<{ subject: string }>("SELECT subject FROM mail_outbox WHERE to_address = $1 AND kind = 'security_alert'", [m.email]);
    expect(mails.map((x) => x.subject)).toEqual([expect.stringContaining("Passkey added")]);
  });

  it("offers the account's passkeys on this host as excludeCredentials, asks for a discoverable credential, and refuses a second registration of the same authenticator", async () => {
    const m = await member();
    const cookie = await memberCookie(m.id, tenantA, hostA);
    const { passkey } = await register(hostA, cookie);
    const opts = await call(registrationOptions.POST, hostA, { cookie });
    expect(opts.json.data.options).toMatchObject({
      rp: { id: `${tenantA.slug}.localhost`, name: tenantA.name },
      authenticatorSelection: { residentKey: "required", userVerification: "preferred" },
      excludeCredentials: [{ id: passkey.credentialId.toString("base64url") }],
    });
    // The same credential id again (an authenticator ignoring excludeCredentials): one row per credential.
    const again = createPasskey(opts.json.data.options, origin(hostA), { credentialId: passkey.credentialId });
    const r = await call(accountPasskeys.POST, hostA, { cookie, body: { state: opts.json.data.state, name: "Copy", response: again.response } });
    expect(r.status).toBe(409);
    expect(r.json.error.message).toMatch(/already registered/);
    expect(await ownerQuery("SELECT 1 FROM user_passkeys WHERE credential_id = $1", [passkey.credentialId.toString("base64url")])).toHaveLength(1);
  });

  it("refuses an answer made for another origin or RP ID, a used or foreign state, bad input (naming the field), no session, a foreign Origin and a support session — writing nothing", async () => {
    const m = await member();
    const cookieA = await memberCookie(m.id, tenantA, hostA);
    const count = async () => Number((await ownerQuery<{ n: string }>("SELECT count(*) AS n FROM user_passkeys WHERE user_id = $1", [m.id]))[0].n);

    // The browser on tenant B's host answering tenant A's options (origin B): refused.
    let opts = await call(registrationOptions.POST, hostA, { cookie: cookieA });
    let made = createPasskey(opts.json.data.options, origin(hostB));
    let r = await call(accountPasskeys.POST, hostA, { cookie: cookieA, body: { state: opts.json.data.state, name: "X", response: made.response } });
    expect(r.status).toBe(400);
    expect(r.json.error.details[0].path).toBe("response");
    // The state is spent by that attempt, right answer or not.
    made = createPasskey(opts.json.data.options, origin(hostA));
    r = await call(accountPasskeys.POST, hostA, { cookie: cookieA, body: { state: opts.json.data.state, name: "X", response: made.response } });
    expect(r.status).toBe(400);
    expect(r.json.error.details[0].path).toBe("state");

    // Authenticator data for another RP ID (the console's) under the right origin: refused.
    opts = await call(registrationOptions.POST, hostA, { cookie: cookieA });
    made = createPasskey({ ...opts.json.data.options, rp: { id: "localhost" } }, origin(hostA));
    r = await call(accountPasskeys.POST, hostA, { cookie: cookieA, body: { state: opts.json.data.state, name: "X", response: made.response } });
    expect(r.status).toBe(400);

    // A state issued on tenant A's host is nothing on tenant B's host.
    opts = await call(registrationOptions.POST, hostA, { cookie: cookieA });
    made = createPasskey(opts.json.data.options, origin(hostB));
    r = await call(accountPasskeys.POST, hostB, { cookie: await memberCookie(m.id, tenantB, hostB), body: { state: opts.json.data.state, name: "X", response: made.response } });
    expect(r.status).toBe(400);
    expect(r.json.error.details[0].path).toBe("state");

    opts = await call(registrationOptions.POST, hostA, { cookie: cookieA });
    made = createPasskey(opts.json.data.options, origin(hostA));
    for (const [body, field] of [
      [{ state: opts.json.data.state, name: "", response: made.response }, "name"],
      [{ state: opts.json.data.state, name: "x".repeat(61), response: made.response }, "name"],
      [{ state: opts.json.data.state, name: "X", response: { ...made.response, type: "password" } }, "response.type"],
      [{ state: opts.json.data.state, name: "X", response: made.response, extra: 1 }, "extra"],
      [{ name: "X", response: made.response }, "state"],
    ] as const) {
      r = await call(accountPasskeys.POST, hostA, { cookie: cookieA, body });
      expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(r.json.error.details.map((d: { path: string }) => d.path)).toContain(field);
    }

    expect((await call(registrationOptions.POST, hostA, {})).status).toBe(401);
    expect((await call(registrationOptions.POST, hostA, { cookie: cookieA, origin: "http://evil.test" })).status).toBe(403);
    expect((await call(registrationOptions.POST, hostA, { cookie: cookieA, origin: null })).status).toBe(403);
    // A tenant A session presented on tenant B's host is no session there.
    expect((await call(registrationOptions.POST, hostB, { cookie: cookieA })).status).toBe(401);
    const support = await signedInSession({ userId: m.id, host: hostA, kind: "member", tenantId: tenantA.id });
    // A live support session: a staff account under an approved grant (an unknown grant would be no session at all, 401).
    await ownerQuery("UPDATE users SET platform_role = 'operator' WHERE id = $1", [m.id]);
    await ownerQuery(
      `INSERT INTO impersonation_grants (id, tenant_id, staff_user_id, staff_email, reason, mode, duration_minutes, status, decided_at, starts_at, expires_at)
       SELECT 'imp_passkey_test', $1, id, email, 'passkey test', 'full', 60, 'approved', now(), now(), now() + interval '1 hour' FROM users WHERE id = $2`,
      [tenantA.id, m.id],
    );
    await ownerQuery("UPDATE auth_sessions SET impersonation_grant_id = 'imp_passkey_test' WHERE id = $1", [support.sid]);
    expect((await call(registrationOptions.POST, hostA, { cookie: support.cookie })).status).toBe(403);
    expect(await count()).toBe(0);
  });
});

describe("enrolling a passkey while a second factor is owed", () => {
  it("a session waiting for its second factor may add a passkey (and only that), which ends the wait", async () => {
    const m = await member({ tenants: [tenantA] });
    const session = await signedInSession({ userId: m.id, host: hostA, kind: "member", tenantId: tenantA.id });
    await ownerQuery("UPDATE auth_sessions SET second_factor_pending = true WHERE id = $1", [session.sid]);
    // Pending: not signed in for anything else, the list and removal included.
    expect((await call(accountPasskeys.GET, hostA, { method: "GET", cookie: session.cookie, origin: null })).status).toBe(401);
    const { row } = await register(hostA, session.cookie, "Enrolled");
    expect(await ownerQuery("SELECT second_factor_pending, second_factor FROM auth_sessions WHERE id = $1", [session.sid])).toEqual([{ second_factor_pending: false, second_factor: "passkey" }]);
    // Now a full session.
    const list = await call(accountPasskeys.GET, hostA, { method: "GET", cookie: session.cookie, origin: null });
    expect(list.json.data.passkeys.map((p: { id: string }) => p.id)).toEqual([row.id]);
    // A pending session of tenant A is nothing on tenant B's host, and a staff one is nothing on a portal.
    const other = await signedInSession({ userId: m.id, host: hostA, kind: "member", tenantId: tenantA.id });
    await ownerQuery("UPDATE auth_sessions SET second_factor_pending = true WHERE id = $1", [other.sid]);
    expect((await call(registrationOptions.POST, hostB, { cookie: other.cookie })).status).toBe(401);
    expect((await call(accountPasskey.DELETE, hostA, { method: "DELETE", cookie: other.cookie, params: { id: row.id as string } })).status).toBe(401);
  });
});

describe("host binding", () => {
  it("a passkey registered on tenant A's host signs in there, and is neither offered nor accepted on tenant B's host or the console", async () => {
    const m = await member();
    const s = await staff();
    const { passkey } = await register(hostA, await memberCookie(m.id, tenantA, hostA));
    const credentialId = passkey.credentialId.toString("base64url");

    // Passwordless on A: the assertion verifies and the ticket is for A, method passkey, second factor passkey.
    let o = await passwordlessOptions(hostA);
    expect(o.options).toMatchObject({ rpId: `${tenantA.slug}.localhost`, userVerification: "required" });
    let r = await call(signInVerify.POST, hostA, { body: { state: o.state, response: assert(passkey, o.options, origin(hostA)) } });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(await redeemSignInTicket(r.json.data.ticket, hostB)).toBeNull();
    expect(await redeemSignInTicket(r.json.data.ticket, hostA)).toMatchObject({ userId: m.id, kind: "member", tenantId: tenantA.id, method: "passkey", secondFactor: "passkey" });

    // On B the member has no passkey: the credential id names nothing there, whatever the assertion says.
    for (const opts of [{}, { rpId: `${tenantB.slug}.localhost` }]) {
      o = await passwordlessOptions(hostB);
      r = await call(signInVerify.POST, hostB, { body: { state: o.state, response: assert(passkey, o.options, origin(hostB), opts) } });
      expect(r.status).toBe(401);
      expect(r.json.error.code).toBe("invalid_credentials");
    }
    // An assertion made on A (origin, RP ID and challenge of A) replayed to B: refused too.
    const onA = await passwordlessOptions(hostA);
    const assertionA = assert(passkey, onA.options, origin(hostA));
    o = await passwordlessOptions(hostB);
    r = await call(signInVerify.POST, hostB, { body: { state: o.state, response: assertionA } });
    expect(r.status).toBe(401);
    // …and to the console.
    o = await passwordlessOptions(CONSOLE);
    r = await call(signInVerify.POST, CONSOLE, { body: { state: o.state, response: assertionA } });
    expect(r.status).toBe(401);
    // As a second factor on B, the passkey of A is not offered: this account has none for B.
    const challengeB = await passwordChallenge(m.id, hostB, tenantB.id);
    r = await call(signInOptions.POST, hostB, { body: { challenge: challengeB } });
    expect(r.status).toBe(400);
    expect(r.json.error.message).toMatch(/no passkey for this site/i);

    // The same credential id stored for the console by another account changes nothing on A (rows are per RP ID).
    const consoleSession = await signedInSession({ userId: s.id, host: CONSOLE, kind: "staff" });
    const { passkey: staffKey } = await register(CONSOLE, consoleSession.cookie);
    o = await passwordlessOptions(hostA);
    r = await call(signInVerify.POST, hostA, { body: { state: o.state, response: assert(staffKey, o.options, origin(hostA), { rpId: `${tenantA.slug}.localhost` }) } });
    expect(r.status).toBe(401);

    // Refusals of a credential unknown on the host are on the platform's chain: no account was identified.
    const unknown = await ownerQuery("SELECT 1 FROM audit_events WHERE action = 'sign_in.failed' AND tenant_id IS NULL AND after->>'reason' = 'passkey_unknown' AND after->>'method' = 'passkey' AND created_at > now() - interval '1 minute'");
    expect(unknown.length).toBeGreaterThanOrEqual(5);
    expect((await ownerQuery<{ rp_id: string }>("SELECT rp_id FROM user_passkeys WHERE credential_id = $1", [credentialId]))[0].rp_id).toBe(`${tenantA.slug}.localhost`);
  });

  it("a passkey of tenant A's host does not stand for the second factor tenant B requires: B's session still has to enrol", async () => {
    const m = await member();
    await register(hostA, await memberCookie(m.id, tenantA, hostA));
    // Both tenants require 2FA: on A the passkey is a factor the sign-in can ask for, on B it is not.
    for (const t of [tenantA, tenantB]) {
      await ownerQuery("INSERT INTO tenant_security_policies (tenant_id, require_2fa) VALUES ($1, true) ON CONFLICT (tenant_id) DO UPDATE SET require_2fa = true", [t.id]);
      forgetSecurityPolicy(t.id);
    }
    try {
      const onB = await createAuthSession({ userId: m.id, kind: "member", tenantId: tenantB.id, host: hostB, ip: null, userAgent: null, method: "password", secondFactor: null });
      const onA = await createAuthSession({ userId: m.id, kind: "member", tenantId: tenantA.id, host: hostA, ip: null, userAgent: null, method: "password", secondFactor: null });
      const rows = await ownerQuery<{ id: string; second_factor_pending: boolean }>("SELECT id, second_factor_pending FROM auth_sessions WHERE id = ANY($1)", [[onB.id, onA.id]]);
      expect(Object.fromEntries(rows.map((r) => [r.id, r.second_factor_pending]))).toEqual({ [onB.id]: true, [onA.id]: false });
    } finally {
      for (const t of [tenantA, tenantB]) {
        await ownerQuery("DELETE FROM tenant_security_policies WHERE tenant_id = $1", [t.id]);
        forgetSecurityPolicy(t.id);
      }
    }
  });

  it("on a tenant's verified custom domain the RP ID is that domain, apart from <slug>.<root>", async () => {
    const domain = `${uniq("pk")}.example.com`;
    await ownerQuery("INSERT INTO tenant_domains (id, tenant_id, domain, status, verification_token, verified_at, is_primary) VALUES ($1, $2, $3, 'verified', 'tok', now(), false)", [uniq("dom_"), tenantA.id, domain]);
    const host = `${domain}:3000`;
    const m = await member({ tenants: [tenantA] });
    const { row, passkey } = await register(host, await memberCookie(m.id, tenantA, host));
    expect(row.rp_id).toBe(domain);
    const o = await passwordlessOptions(host);
    expect(o.options.rpId).toBe(domain);
    expect((await call(signInVerify.POST, host, { body: { state: o.state, response: assert(passkey, o.options, origin(host)) } })).status).toBe(200);
    const onSlug = await passwordlessOptions(hostA);
    expect((await call(signInVerify.POST, hostA, { body: { state: onSlug.state, response: assert(passkey, onSlug.options, origin(hostA)) } })).status).toBe(401);
  });
});

describe("as a second factor", () => {
  it("offers only the account's passkeys for this host without spending the password step's challenge, then ends with a ticket (password + passkey); the challenge is single use", async () => {
    const s = await staff();
    const session = await signedInSession({ userId: s.id, host: CONSOLE, kind: "staff" });
    const { passkey } = await register(CONSOLE, session.cookie);
    await register(CONSOLE, session.cookie, "Phone");
    const challenge = await passwordChallenge(s.id, CONSOLE, null);

    const first = await call(signInOptions.POST, CONSOLE, { body: { challenge } });
    expect(first.status).toBe(200);
    expect(first.json.data.options.allowCredentials).toHaveLength(2);
    expect(first.json.data.options.userVerification).toBe("preferred");
    // Asking again (the person cancelled the prompt) still works: options do not spend the challenge.
    const o = await call(signInOptions.POST, CONSOLE, { body: { challenge } });
    expect(o.status).toBe(200);

    // Presence without user verification is enough for a second factor.
    const response = assert(passkey, o.json.data.options, origin(CONSOLE), { userVerified: false });
    const r = await call(signInVerify.POST, CONSOLE, { body: { state: o.json.data.state, challenge, response } });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(await redeemSignInTicket(r.json.data.ticket, CONSOLE)).toMatchObject({ userId: s.id, kind: "staff", tenantId: null, method: "password", secondFactor: "passkey" });

    // The password step's challenge is spent: a fresh passkey ceremony with it gets no ticket.
    const again = await call(signInOptions.POST, CONSOLE, { body: { challenge } });
    expect(again.status).toBe(400);
    expect(again.json.error.details[0].path).toBe("challenge");
  });

  it("refuses another account's passkey for the challenge, and a passwordless answer presented as a second factor (and the reverse)", async () => {
    const [a, b] = [await staff(), await staff()];
    const { passkey: keyB } = await register(CONSOLE, (await signedInSession({ userId: b.id, host: CONSOLE, kind: "staff" })).cookie);
    await register(CONSOLE, (await signedInSession({ userId: a.id, host: CONSOLE, kind: "staff" })).cookie);
    const challenge = await passwordChallenge(a.id, CONSOLE, null);
    const o = await call(signInOptions.POST, CONSOLE, { body: { challenge } });
    let r = await call(signInVerify.POST, CONSOLE, { body: { state: o.json.data.state, challenge, response: assert(keyB, o.json.data.options, origin(CONSOLE)) } });
    expect(r.status).toBe(401);
    const p = await passwordlessOptions(CONSOLE);
    r = await call(signInVerify.POST, CONSOLE, { body: { state: p.state, challenge, response: assert(keyB, p.options, origin(CONSOLE)) } });
    expect(r.status).toBe(400);
    expect(r.json.error.details[0].path).toBe("challenge");
  });
});

describe("passwordless sign-in", () => {
  it("updates the counter and last_used_at, records sign_in.succeeded (method passkey), and refuses a clone whose counter does not advance", async () => {
    const m = await member();
    const { passkey, row } = await register(hostA, await memberCookie(m.id, tenantA, hostA));
    let o = await passwordlessOptions(hostA);
    expect((await call(signInVerify.POST, hostA, { body: { state: o.state, response: assert(passkey, o.options, origin(hostA), { counter: 5 }) } })).status).toBe(200);
    const [after] = await ownerQuery<{ counter: string; last_used_at: Date | null }>("SELECT counter, last_used_at FROM user_passkeys WHERE id = $1", [row.id]);
    expect(after.counter).toBe("5");
    expect(after.last_used_at).toBeInstanceOf(Date);
    const [ok] = await auditEvents(m.id, "sign_in.succeeded");
    expect(ok).toMatchObject({ tenant_id: tenantA.id, after: expect.objectContaining({ method: "passkey", portal: "tenant" }) });

    // A clone still at 5 (or behind) is refused; the genuine authenticator at 6 goes on working.
    for (const counter of [5, 3]) {
      o = await passwordlessOptions(hostA);
      const r = await call(signInVerify.POST, hostA, { body: { state: o.state, response: assert(passkey, o.options, origin(hostA), { counter }) } });
      expect(r.status).toBe(401);
    }
    expect((await auditEvents(m.id, "sign_in.failed")).map((f) => (f.after as { reason: string }).reason)).toEqual(["passkey_cloned", "passkey_cloned"]);
    o = await passwordlessOptions(hostA);
    expect((await call(signInVerify.POST, hostA, { body: { state: o.state, response: assert(passkey, o.options, origin(hostA), { counter: 6 }) } })).status).toBe(200);
  });

  it("demands user verification, the host's own origin, the ceremony's challenge once, and the account's own user handle", async () => {
    const m = await member();
    const { passkey } = await register(hostA, await memberCookie(m.id, tenantA, hostA));
    let o = await passwordlessOptions(hostA);
    expect((await call(signInVerify.POST, hostA, { body: { state: o.state, response: assert(passkey, o.options, origin(hostA), { userVerified: false }) } })).status).toBe(401);
    o = await passwordlessOptions(hostA);
    expect((await call(signInVerify.POST, hostA, { body: { state: o.state, response: assert(passkey, o.options, "http://evil.test") } })).status).toBe(401);
    o = await passwordlessOptions(hostA);
    const other = await passwordlessOptions(hostA);
    expect((await call(signInVerify.POST, hostA, { body: { state: o.state, response: assert(passkey, other.options, origin(hostA)) } })).status).toBe(401);
    o = await passwordlessOptions(hostA);
    expect((await call(signInVerify.POST, hostA, { body: { state: o.state, response: assert(passkey, o.options, origin(hostA), { userHandle: Buffer.from("user_someoneelse") }) } })).status).toBe(401);
    // The right answer, twice: the second finds its state spent.
    o = await passwordlessOptions(hostA);
    const body = { state: o.state, response: assert(passkey, o.options, origin(hostA)) };
    expect((await call(signInVerify.POST, hostA, { body })).status).toBe(200);
    const replay = await call(signInVerify.POST, hostA, { body });
    expect(replay.status).toBe(400);
    expect(replay.json.error.details[0].path).toBe("state");
  });

  it("of 20 parallel uses of one answer exactly one gets a ticket, and none is a 500", async () => {
    const m = await member();
    const { passkey } = await register(hostA, await memberCookie(m.id, tenantA, hostA));
    const o = await passwordlessOptions(hostA);
    const body = { state: o.state, response: assert(passkey, o.options, origin(hostA)) };
    const results = await Promise.all(Array.from({ length: 20 }, () => call(signInVerify.POST, hostA, { body, ip: ip() })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.every((r) => r.status === 200 || r.status === 400)).toBe(true);
  });

  it("follows the tenant's policy and the account's standing: passkeys not allowed, address outside the allowlist, suspended membership, removed member, suspended account", async () => {
    const m = await member({ tenants: [tenantB] });
    const { passkey } = await register(hostB, await memberCookie(m.id, tenantB, hostB));
    const attempt = async (from = "192.0.2.1") => {
      const o = await passwordlessOptions(hostB, from);
      return call(signInVerify.POST, hostB, { body: { state: o.state, response: assert(passkey, o.options, origin(hostB)) }, ip: from });
    };
    await ownerQuery("INSERT INTO tenant_security_policies (tenant_id, allowed_sign_in_methods) VALUES ($1, ARRAY['password'])", [tenantB.id]);
    forgetSecurityPolicy(tenantB.id);
    let r = await attempt();
    expect(r.status).toBe(403);
    expect(r.json.error).toMatchObject({ code: "sign_in_method_not_allowed", message: expect.stringMatching(/does not allow signing in with a passkey\. Sign in with password/) });
    await ownerQuery("UPDATE tenant_security_policies SET allowed_sign_in_methods = ARRAY['password', 'passkey'], ip_allowlist = ARRAY['198.51.100.0/24'] WHERE tenant_id = $1", [tenantB.id]);
    forgetSecurityPolicy(tenantB.id);
    r = await attempt("192.0.2.7");
    expect(r.status).toBe(403);
    expect(r.json.error.code).toBe("ip_not_allowed");
    expect((await attempt("198.51.100.9")).status).toBe(200);
    await ownerQuery("DELETE FROM tenant_security_policies WHERE tenant_id = $1", [tenantB.id]);
    forgetSecurityPolicy(tenantB.id);

    await ownerQuery("UPDATE memberships SET status = 'suspended' WHERE tenant_id = $1 AND user_id = $2", [tenantB.id, m.id]);
    expect((await attempt()).status).toBe(401);
    await ownerQuery("UPDATE memberships SET status = 'active' WHERE tenant_id = $1 AND user_id = $2", [tenantB.id, m.id]);
    await ownerQuery("UPDATE users SET status = 'suspended' WHERE id = $1", [m.id]);
    expect((await attempt()).status).toBe(401);
    await ownerQuery("UPDATE users SET status = 'active' WHERE id = $1", [m.id]);
    await ownerQuery("DELETE FROM memberships WHERE tenant_id = $1 AND user_id = $2", [tenantB.id, m.id]);
    expect((await attempt()).status).toBe(401);
    const reasons = (await auditEvents(m.id, "sign_in.failed")).map((f) => (f.after as { reason: string }).reason);
    expect(reasons).toEqual(expect.arrayContaining(["method_not_allowed", "suspended", "not_a_member"]));
  });

  it("a staff passkey signs in on the console only while the account holds a platform role", async () => {
    const s = await staff();
    const { passkey } = await register(CONSOLE, (await signedInSession({ userId: s.id, host: CONSOLE, kind: "staff" })).cookie);
    let o = await passwordlessOptions(CONSOLE);
    const r = await call(signInVerify.POST, CONSOLE, { body: { state: o.state, response: assert(passkey, o.options, origin(CONSOLE)) } });
    expect(await redeemSignInTicket(r.json.data.ticket, CONSOLE)).toMatchObject({ userId: s.id, kind: "staff", method: "passkey", secondFactor: "passkey" });
    await ownerQuery("UPDATE users SET platform_role = NULL WHERE id = $1", [s.id]);
    o = await passwordlessOptions(CONSOLE);
    expect((await call(signInVerify.POST, CONSOLE, { body: { state: o.state, response: assert(passkey, o.options, origin(CONSOLE)) } })).status).toBe(401);
  });

  it("throttles failures per address: past the limit even a good passkey is refused from that address, not from another", async () => {
    vi.stubEnv("SIGN_IN_MAX_FAILURES", "2");
    const m = await member();
    const { passkey } = await register(hostA, await memberCookie(m.id, tenantA, hostA));
    const from = ip();
    for (let i = 0; i < 8; i++) {
      const o = await passwordlessOptions(hostA, from);
      expect((await call(signInVerify.POST, hostA, { body: { state: o.state, response: assert(passkey, o.options, "http://evil.test") }, ip: from })).status).toBe(401);
    }
    let o = await passwordlessOptions(hostA, from);
    expect((await call(signInVerify.POST, hostA, { body: { state: o.state, response: assert(passkey, o.options, origin(hostA)) }, ip: from })).status).toBe(401);
    o = await passwordlessOptions(hostA);
    expect((await call(signInVerify.POST, hostA, { body: { state: o.state, response: assert(passkey, o.options, origin(hostA)) }, ip: ip() })).status).toBe(200);
  });

  it("answers bad bodies with a 400 naming the field and a foreign Origin with 403", async () => {
    for (const [body, field] of [
      [{ challenge: 5 }, "challenge"],
      [{ extra: true }, "extra"],
    ] as const) {
      const r = await call(signInOptions.POST, hostA, { body });
      expect(r.status).toBe(400);
      expect(r.json.error.details[0].path).toBe(field);
    }
    const r = await call(signInVerify.POST, hostA, { body: { state: "x".repeat(30), response: { id: "!!" } } });
    expect(r.status).toBe(400);
    expect(r.json.error.details.map((d: { path: string }) => d.path)).toContain("response.id");
    expect((await call(signInOptions.POST, hostA, { body: {}, origin: "http://evil.test" })).status).toBe(403);
  });
});

describe("removing a passkey", () => {
  it("removes this host's passkey of this account only, audits security.passkey_removed, and asks a staff member to re-authenticate after 10 minutes", async () => {
    const s = await staff();
    const session = await signedInSession({ userId: s.id, host: CONSOLE, kind: "staff" });
    const { row } = await register(CONSOLE, session.cookie);
    const m = await member();
    const { row: memberKey } = await register(hostA, await memberCookie(m.id, tenantA, hostA));
    // Another account's passkey, or one of another host: 404.
    expect((await call(accountPasskey.DELETE, CONSOLE, { method: "DELETE", cookie: session.cookie, params: { id: memberKey.id as string } })).status).toBe(404);

    await ownerQuery("UPDATE auth_sessions SET created_at = now() - interval '11 minutes' WHERE id = $1", [session.sid]);
    const stale = await call(accountPasskey.DELETE, CONSOLE, { method: "DELETE", cookie: session.cookie, params: { id: row.id as string } });
    expect(stale.status).toBe(403);
    expect(stale.json.error.code).toBe("reauthentication_required");
    await ownerQuery("UPDATE auth_sessions SET reauthenticated_at = now() WHERE id = $1", [session.sid]);
    const ok = await call(accountPasskey.DELETE, CONSOLE, { method: "DELETE", cookie: session.cookie, params: { id: row.id as string } });
    expect(ok.status).toBe(204);
    expect(await ownerQuery("SELECT 1 FROM user_passkeys WHERE id = $1", [row.id])).toEqual([]);
    const [event] = await auditEvents(s.id, "security.passkey_removed");
    expect(event).toMatchObject({ tenant_id: null, after: expect.objectContaining({ passkey_id: row.id }) });
    expect((await call(accountPasskey.DELETE, CONSOLE, { method: "DELETE", cookie: session.cookie, params: { id: row.id as string } })).status).toBe(404);
  });
});
