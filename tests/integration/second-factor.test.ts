import { generate } from "otplib";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as secondFactorRoute from "@/app/api/sign-in/second-factor/route";
import * as passwordRoute from "@/app/api/sign-in/password/route";
import * as tenantsRoute from "@/app/api/v1/tenants/route";
import { NO_META } from "@/lib/auth/caller";
import { hashPassword } from "@/lib/auth/password";
import type { SecondFactorAccount } from "@/lib/auth/second-factor/account";
import { completeSecondFactor } from "@/lib/auth/second-factor/complete-second-factor";
import { confirmTotpEnrolment } from "@/lib/auth/second-factor/confirm-totp-enrolment";
import { disableTotp } from "@/lib/auth/second-factor/disable-totp";
import { assertNotPendingEnrolment } from "@/lib/auth/second-factor/enrolment-required";
import { hasSecondFactor } from "@/lib/auth/second-factor/has-second-factor";
import { regenerateRecoveryCodes } from "@/lib/auth/second-factor/regenerate-recovery-codes";
import { secondFactorMethods } from "@/lib/auth/second-factor/second-factor-methods";
import { startTotpEnrolment } from "@/lib/auth/second-factor/start-totp-enrolment";
import { verifyTotpOrRecoveryCode } from "@/lib/auth/second-factor/verify-second-factor";
import { callerFromSessionCookie, memberFromSessionCookie, pendingEnrolmentSession } from "@/lib/auth/session-caller";
import { issueOneTimeToken } from "@/lib/auth/one-time-tokens";
import { signInWithTicket } from "@/lib/auth/sign-in/redeem-ticket";
import { forgetSecurityPolicy } from "@/lib/security-policy/get-security-policy";
import { callRoute } from "../support/call-route";
import { ownerQuery } from "../support/db";
import { makeTenant, uniq } from "../support/fixtures";
import { signedInSession } from "../support/session-cookie";
import { addMember } from "../support/tenant-members";

const CONSOLE = "localhost:3000";
const PASSWORD = "correct horse battery staple";
// A fixed clock on a step boundary: RFC 6238 step T = floor(epoch / 30).
const T0 = new Date(1_700_000_010_000);
const at = (base: Date, steps: number) => new Date(base.getTime() + steps * 30_000);
const codeAt = (secret: string, when: Date) => generate({ secret, epoch: Math.floor(when.getTime() / 1000) });

async function staffAccount(): Promise<SecondFactorAccount> {
  const id = uniq("user_");
  const email = `${id}@atrium.test`;
  await ownerQuery("INSERT INTO users (id, email, name, platform_role, password_hash) VALUES ($1, $2, 'Staff', 'operator', $3)", [id, email, await hashPassword(PASSWORD)]);
  return { userId: id, email, kind: "staff", tenantId: null, host: CONSOLE, sessionId: null, meta: { ...NO_META, ip: "198.51.100.20" } };
}

/** Sets up TOTP with the clock at `when`; answers the secret and the recovery codes. */
async function enrol(account: SecondFactorAccount, when = T0) {
  const started = await startTotpEnrolment(account, "Atrium");
  const secret = started.secretGroups.join("");
  const { recoveryCodes } = await confirmTotpEnrolment(account, await codeAt(secret, when), when);
  return { secret, recoveryCodes, started };
}

const post = (route: { POST: (req: Request) => Promise<Response> }, path: string, body: unknown, host = CONSOLE, origin = `http://${host}`) =>
  callRoute(route.POST as never, { method: "POST", path, body, headers: { host, origin } });

afterEach(() => {
  delete process.env.REQUIRE_STAFF_2FA;
});

describe("TOTP enrolment", () => {
  it("seals a new secret, shows it as a QR code and in groups, and turns on only with a right first code, bringing 10 recovery codes", async () => {
    const a = await staffAccount();
    const started = await startTotpEnrolment(a, "Atrium");
    expect(started.uri).toMatch(/^otpauth:\/\/totp\/Atrium:.+\?/);
    expect(started.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    const secret = started.secretGroups.join("");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const [row] = await ownerQuery<{ secret_sealed: string; confirmed_at: Date | null }>("SELECT secret_sealed, confirmed_at FROM user_totp_factors WHERE user_id = $1", [a.userId]);
    expect(row.confirmed_at).toBeNull();
    expect(row.secret_sealed).not.toContain(secret);
    expect(await secondFactorMethods(a.userId)).toEqual([]);

    await expect(confirmTotpEnrolment(a, "12345", T0)).rejects.toMatchObject({ code: "invalid_request", details: [{ path: "code" }] });
    await expect(confirmTotpEnrolment(a, await codeAt(secret, at(T0, 5)), T0)).rejects.toMatchObject({ code: "invalid_request" });
    const { recoveryCodes } = await confirmTotpEnrolment(a, await codeAt(secret, T0), T0);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const c of recoveryCodes) expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    const stored = await ownerQuery<{ code_hash: string }>("SELECT code_hash FROM user_recovery_codes WHERE user_id = $1", [a.userId]);
    expect(stored).toHaveLength(10);
    for (const s of stored) expect(recoveryCodes.some((c) => s.code_hash.includes(c) || s.code_hash.includes(c.replace(/-/g, "")))).toBe(false);
    expect(await secondFactorMethods(a.userId)).toEqual(["totp", "recovery_code"]);
    expect(await hasSecondFactor(a.userId)).toBe(true);

    const [event] = await ownerQuery<{ actor_id: string; after: { method: string } }>(
      "SELECT actor_id, after FROM audit_events WHERE action = 'security.second_factor_enabled' AND target_id = $1",
      [a.userId],
    );
    expect(event).toMatchObject({ actor_id: a.userId, after: { method: "totp" } });
    // The confirming code's step is used; a second authenticator needs the first turned off.
    expect(await verifyTotpOrRecoveryCode(a.userId, await codeAt(secret, T0), T0)).toBeNull();
    await expect(startTotpEnrolment(a, "Atrium")).rejects.toMatchObject({ code: "invalid_state" });
  });
});

describe("TOTP codes with a fixed clock", () => {
  it("accept one step either side, refuse two, and never accept a step at or before the last one used", async () => {
    const a = await staffAccount();
    const { secret } = await enrol(a, at(T0, -100));
    const now = T0;
    expect(await verifyTotpOrRecoveryCode(a.userId, await codeAt(secret, at(now, -2)), now)).toBeNull();
    expect(await verifyTotpOrRecoveryCode(a.userId, await codeAt(secret, at(now, 2)), now)).toBeNull();
    expect(await verifyTotpOrRecoveryCode(a.userId, await codeAt(secret, at(now, -1)), now)).toBe("totp");
    // Replay of the same code, in the same step and the next.
    expect(await verifyTotpOrRecoveryCode(a.userId, await codeAt(secret, at(now, -1)), now)).toBeNull();
    expect(await verifyTotpOrRecoveryCode(a.userId, await codeAt(secret, at(now, -1)), at(now, 1))).toBeNull();
    expect(await verifyTotpOrRecoveryCode(a.userId, await codeAt(secret, now), now)).toBe("totp");
    expect(await verifyTotpOrRecoveryCode(a.userId, await codeAt(secret, now), now)).toBeNull();
    expect(await verifyTotpOrRecoveryCode(a.userId, await codeAt(secret, at(now, 1)), now)).toBe("totp");
    // A step after a later one was used stays refused even inside the window.
    expect(await verifyTotpOrRecoveryCode(a.userId, await codeAt(secret, now), at(now, 1))).toBeNull();
    const [row] = await ownerQuery<{ last_used_step: string }>("SELECT last_used_step::text FROM user_totp_factors WHERE user_id = $1", [a.userId]);
    expect(Number(row.last_used_step)).toBe(Math.floor(at(now, 1).getTime() / 30_000));
  });

  it("20 parallel submissions of one code: exactly one is accepted", async () => {
    const a = await staffAccount();
    const { secret } = await enrol(a, at(T0, -100));
    const code = await codeAt(secret, T0);
    const results = await Promise.all(Array.from({ length: 20 }, () => verifyTotpOrRecoveryCode(a.userId, code, T0)));
    expect(results.filter((r) => r === "totp")).toHaveLength(1);
    expect(results.filter((r) => r === null)).toHaveLength(19);
  });

  it("ignore spaces in a code, and anything that is not six digits is tried as a recovery code", async () => {
    const a = await staffAccount();
    const { secret } = await enrol(a, at(T0, -100));
    const code = await codeAt(secret, T0);
    expect(await verifyTotpOrRecoveryCode(a.userId, `${code.slice(0, 3)} ${code.slice(3)}`, T0)).toBe("totp");
    expect(await verifyTotpOrRecoveryCode(a.userId, "abc", T0)).toBeNull();
  });
});

describe("recovery codes", () => {
  it("work once each, typed in any case with or without dashes; 20 parallel uses of one code: one success", async () => {
    const a = await staffAccount();
    const { recoveryCodes } = await enrol(a);
    expect(await verifyTotpOrRecoveryCode(a.userId, recoveryCodes[0])).toBe("recovery_code");
    expect(await verifyTotpOrRecoveryCode(a.userId, recoveryCodes[0])).toBeNull();
    expect(await verifyTotpOrRecoveryCode(a.userId, recoveryCodes[1].replace(/-/g, "").toLowerCase())).toBe("recovery_code");
    const results = await Promise.all(Array.from({ length: 20 }, () => verifyTotpOrRecoveryCode(a.userId, recoveryCodes[2])));
    expect(results.filter(Boolean)).toHaveLength(1);
    // Another account's code is nothing here.
    const b = await staffAccount();
    const other = await enrol(b);
    expect(await verifyTotpOrRecoveryCode(a.userId, other.recoveryCodes[0])).toBeNull();
    const [{ n }] = await ownerQuery<{ n: number }>("SELECT count(*)::int AS n FROM user_recovery_codes WHERE user_id = $1 AND used_at IS NULL", [a.userId]);
    expect(n).toBe(7);
  });

  it("regenerating needs a recent sign-in, replaces every code and is audited", async () => {
    const a = await staffAccount();
    const { recoveryCodes: old } = await enrol(a);
    const stale = await signedInSession({ userId: a.userId, host: CONSOLE, secondFactor: "totp" });
    await ownerQuery("UPDATE auth_sessions SET created_at = now() - interval '11 minutes' WHERE id = $1", [stale.sid]);
    const staleCaller = await callerFromSessionCookie(stale.cookie, CONSOLE, NO_META);
    await expect(regenerateRecoveryCodes({ ...a, sessionId: stale.sid, meta: staleCaller!.meta })).rejects.toMatchObject({ code: "reauthentication_required" });

    const fresh = await signedInSession({ userId: a.userId, host: CONSOLE, secondFactor: "totp" });
    const freshCaller = await callerFromSessionCookie(fresh.cookie, CONSOLE, NO_META);
    const { recoveryCodes } = await regenerateRecoveryCodes({ ...a, sessionId: fresh.sid, meta: freshCaller!.meta });
    expect(recoveryCodes).toHaveLength(10);
    expect(recoveryCodes.some((c) => old.includes(c))).toBe(false);
    expect(await verifyTotpOrRecoveryCode(a.userId, old[0])).toBeNull();
    expect(await verifyTotpOrRecoveryCode(a.userId, recoveryCodes[0])).toBe("recovery_code");
    const events = await ownerQuery("SELECT 1 FROM audit_events WHERE action = 'security.recovery_codes_regenerated' AND target_id = $1", [a.userId]);
    expect(events).toHaveLength(1);
  });
});

describe("POST /api/sign-in/second-factor", () => {
  it("after the password step: a wrong code keeps the challenge, the right one gives a ticket for a session that used TOTP, once", async () => {
    const a = await staffAccount();
    const { secret } = await enrol(a, at(T0, -100));
    const pw = await post(passwordRoute, "/api/sign-in/password", { email: a.email, password: PASSWORD });
    expect(pw.status).toBe(200);
    expect(pw.json.data).toMatchObject({ next: "second_factor", methods: ["totp", "recovery_code"] });
    const challenge = pw.json.data.challenge as string;

    const missing = await post(secondFactorRoute, "/api/sign-in/second-factor", { challenge });
    expect(missing.status).toBe(400);
    expect(missing.json.error.details).toEqual([expect.objectContaining({ path: "code" })]);
    const foreign = await post(secondFactorRoute, "/api/sign-in/second-factor", { challenge, code: "000000" }, CONSOLE, "http://evil.test");
    expect(foreign.status).toBe(403);

    const wrong = await post(secondFactorRoute, "/api/sign-in/second-factor", { challenge, code: "000000" });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error.code).toBe("invalid_credentials");
    const right = await post(secondFactorRoute, "/api/sign-in/second-factor", { challenge, code: await codeAt(secret, new Date()) });
    expect(right.status).toBe(200);
    const user = await signInWithTicket(right.json.data.ticket, CONSOLE, null, null);
    expect(user).toMatchObject({ id: a.userId });
    const [session] = await ownerQuery("SELECT second_factor, second_factor_pending, method FROM auth_sessions WHERE id = $1", [user!.sid]);
    expect(session).toEqual({ second_factor: "totp", second_factor_pending: false, method: "password" });

    const again = await post(secondFactorRoute, "/api/sign-in/second-factor", { challenge, code: await codeAt(secret, at(new Date(), 1)) });
    expect(again.status).toBe(401);
    expect(again.json.error.details).toEqual({ restart: true });
  });

  it("binds the challenge to its host and its lifetime, and ends it after 5 wrong codes", async () => {
    const a = await staffAccount();
    const { recoveryCodes } = await enrol(a);
    const T = await makeTenant();
    const issue = () => issueOneTimeToken({ purpose: "second_factor_challenge", host: CONSOLE, ttlSeconds: 300, userId: a.userId, data: { kind: "staff", tenantId: null, method: "password" } });

    const c1 = await issue();
    const elsewhere = await post(secondFactorRoute, "/api/sign-in/second-factor", { challenge: c1, code: recoveryCodes[0] }, `${T.slug}.localhost:3000`);
    expect(elsewhere.status).toBe(401);
    await ownerQuery("UPDATE auth_tokens SET expires_at = now() - interval '1 second' WHERE purpose = 'second_factor_challenge' AND user_id = $1", [a.userId]);
    expect((await post(secondFactorRoute, "/api/sign-in/second-factor", { challenge: c1, code: recoveryCodes[0] })).status).toBe(401);
    // Neither attempt spent the recovery code.
    const c2 = await issue();
    for (let i = 0; i < 4; i++) expect((await post(secondFactorRoute, "/api/sign-in/second-factor", { challenge: c2, code: "WRONG-CODE-0000" })).status).toBe(401);
    const ok = await post(secondFactorRoute, "/api/sign-in/second-factor", { challenge: c2, code: recoveryCodes[0] });
    expect(ok.status).toBe(200);
    const [used] = await ownerQuery<{ after: { remaining: number } }>("SELECT after FROM audit_events WHERE action = 'security.recovery_code_used' AND target_id = $1", [a.userId]);
    expect(used.after.remaining).toBe(9);

    const c3 = await issue();
    for (let i = 0; i < 5; i++) await post(secondFactorRoute, "/api/sign-in/second-factor", { challenge: c3, code: "000000" });
    const late = await post(secondFactorRoute, "/api/sign-in/second-factor", { challenge: c3, code: recoveryCodes[1] });
    expect(late.status).toBe(401);
    expect(late.json.error.details).toEqual({ restart: true });
    expect(await verifyTotpOrRecoveryCode(a.userId, recoveryCodes[1])).toBe("recovery_code");
  });

  it("20 parallel right answers to one challenge: one ticket", async () => {
    const a = await staffAccount();
    const { recoveryCodes } = await enrol(a);
    const challenge = await issueOneTimeToken({ purpose: "second_factor_challenge", host: CONSOLE, ttlSeconds: 300, userId: a.userId, data: { kind: "staff", tenantId: null, method: "password" } });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => completeSecondFactor({ challenge, code: recoveryCodes[i % 10], host: CONSOLE, meta: NO_META })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect((r.reason as { code: string }).code).toBe("invalid_credentials");
    // The attempts that lost the race spent no recovery code.
    const [{ n }] = await ownerQuery<{ n: number }>("SELECT count(*)::int AS n FROM user_recovery_codes WHERE user_id = $1 AND used_at IS NOT NULL", [a.userId]);
    expect(n).toBe(1);
  });
});

describe("2FA enforcement", () => {
  it("REQUIRE_STAFF_2FA: a staff session without a second factor gets 403 second_factor_enrolment_required from the API until it enrols", async () => {
    process.env.REQUIRE_STAFF_2FA = "true";
    const a = await staffAccount();
    const s = await signedInSession({ userId: a.userId, host: CONSOLE });
    expect(await callerFromSessionCookie(s.cookie, CONSOLE, NO_META)).toBeNull();
    const refused = await callRoute(tenantsRoute.GET, { headers: { cookie: s.cookie } });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe("second_factor_enrolment_required");
    const pending = await pendingEnrolmentSession(s.cookie, CONSOLE);
    expect(pending?.id).toBe(s.sid);
    // Staff cannot turn off the factor they must have.
    await enrol({ ...a, sessionId: s.sid });
    expect((await callRoute(tenantsRoute.GET, { headers: { cookie: s.cookie } })).status).toBe(200);
    await expect(disableTotp(a, { password: PASSWORD })).rejects.toMatchObject({ code: "invalid_state" });
    // Without a cookie it is still a plain 401.
    expect((await callRoute(tenantsRoute.GET, {})).status).toBe(401);
  });

  it("rejects REQUIRE_STAFF_2FA values other than true and false, naming the variable", async () => {
    process.env.REQUIRE_STAFF_2FA = "yes";
    const { env } = await import("@/lib/env");
    expect(() => env.requireStaff2fa).toThrow(/REQUIRE_STAFF_2FA/);
    process.env.REQUIRE_STAFF_2FA = "false";
    expect(env.requireStaff2fa).toBe(false);
  });

  it("a tenant's require_2fa: its members' sessions are only good for enrolment until they have a second factor", async () => {
    const T = await makeTenant();
    const other = await makeTenant();
    const host = `${T.slug}.localhost:3000`;
    await ownerQuery("INSERT INTO tenant_security_policies (tenant_id, require_2fa) VALUES ($1, true)", [T.id]);
    forgetSecurityPolicy(T.id);
    const m = await addMember(T.id, "member");
    await ownerQuery("INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, 'member')", [other.id, m.id]);
    const s = await signedInSession({ userId: m.id, host, tenantId: T.id });
    expect(await memberFromSessionCookie(s.cookie, host, T.id, NO_META)).toBeNull();
    await expect(assertNotPendingEnrolment(s.cookie, host)).rejects.toMatchObject({ code: "second_factor_enrolment_required", status: 403 });
    // The other tenant has no such rule: the same account signs in there normally.
    const otherHost = `${other.slug}.localhost:3000`;
    const o = await signedInSession({ userId: m.id, host: otherHost, tenantId: other.id });
    expect((await memberFromSessionCookie(o.cookie, otherHost, other.id, NO_META))?.actor.userId).toBe(m.id);

    const account: SecondFactorAccount = { userId: m.id, email: m.email, kind: "member", tenantId: T.id, host, sessionId: s.sid, meta: NO_META };
    await enrol(account);
    expect((await memberFromSessionCookie(s.cookie, host, T.id, NO_META))?.actor.userId).toBe(m.id);
    await expect(assertNotPendingEnrolment(s.cookie, host)).resolves.toBeUndefined();
    // The enrolment is in the tenant's audit chain.
    expect(await ownerQuery("SELECT 1 FROM audit_events WHERE tenant_id = $1 AND action = 'security.second_factor_enabled' AND target_id = $2", [T.id, m.id])).toHaveLength(1);
    // And a later password-only session with a second factor enrolled would have been asked for it: a session that used TOTP is not pending.
    const later = await signedInSession({ userId: m.id, host, tenantId: T.id, secondFactor: "totp" });
    expect(await memberFromSessionCookie(later.cookie, host, T.id, NO_META)).not.toBeNull();
  });
});

describe("turning TOTP off", () => {
  let a: SecondFactorAccount;
  let secret: string;
  beforeAll(async () => {
    a = await staffAccount();
    ({ secret } = await enrol(a, at(T0, -100)));
  });

  it("needs the password or a code, removes the factor and its codes, and raises the security alert", async () => {
    await expect(disableTotp(a, { password: "wrong" })).rejects.toMatchObject({ code: "invalid_request", details: [{ path: "password" }] });
    await expect(disableTotp(a, { code: "000000" }, T0)).rejects.toMatchObject({ code: "invalid_request", details: [{ path: "code" }] });
    expect(await hasSecondFactor(a.userId)).toBe(true);
    await disableTotp(a, { code: await codeAt(secret, T0) }, T0);
    expect(await hasSecondFactor(a.userId)).toBe(false);
    expect(await ownerQuery("SELECT 1 FROM user_recovery_codes WHERE user_id = $1", [a.userId])).toEqual([]);
    expect(await ownerQuery("SELECT 1 FROM audit_events WHERE action = 'security.second_factor_disabled' AND target_id = $1", [a.userId])).toHaveLength(1);
    const mails = await ownerQuery<{ subject: string }>("SELECT subject FROM mail_outbox WHERE to_address = $1 AND kind = 'security_alert'", [a.email]);
    expect(mails).toHaveLength(1);
    await expect(disableTotp(a, { password: PASSWORD })).rejects.toMatchObject({ code: "invalid_state" });
  });
});
