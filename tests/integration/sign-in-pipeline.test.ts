import { beforeAll, describe, expect, it, vi } from "vitest";
import * as passwordRoute from "@/app/api/sign-in/password/route";
import * as reauthRoute from "@/app/api/sign-in/reauthenticate/route";
import { NO_META } from "@/lib/auth/caller";
import { hashPassword } from "@/lib/auth/password";
import { newTotpSecret } from "@/lib/auth/second-factor/totp";
import { callerFromSessionCookie, memberFromSessionCookie } from "@/lib/auth/session-caller";
import { consumeOneTimeToken } from "@/lib/auth/one-time-tokens";
import { signInWithTicket } from "@/lib/auth/sign-in/redeem-ticket";
import { sealSecret } from "@/lib/webhooks/secret-box";
import { ownerQuery } from "../support/db";
import { makeTenant, uniq } from "../support/fixtures";
import { setSecurityPolicy } from "../support/security-policy";
import { signedInSession } from "../support/session-cookie";
import { addMember } from "../support/tenant-members";

// Every password check is one scrypt derivation.
vi.setConfig({ testTimeout: 90_000 });

const PASSWORD = "correct horse battery staple";
const CONSOLE = "localhost:3000";
const hostOf = (t: { slug: string }) => `${t.slug}.localhost:3000`;
// An address of its own per call, so per-IP throttling of one test touches no other.
const freshIp = () => `198.51.100.${1 + (parseInt(uniq(""), 16) % 250)}`;

let passwordHash: string;
let T: { id: string; slug: string };
beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
  T = await makeTenant();
});

async function withPassword<U extends { id: string }>(u: U): Promise<U> {
  await ownerQuery("UPDATE users SET password_hash = $2 WHERE id = $1", [u.id, passwordHash]);
  return u;
}
async function staff() {
  const id = uniq("user_");
  const email = `${id}@atrium.test`;
  await ownerQuery("INSERT INTO users (id, email, name, password_hash, platform_role) VALUES ($1, $2, 'Staff', $3, 'operator')", [id, email, passwordHash]);
  return { id, email };
}

type Answer = { status: number; json: { status: string; data?: Record<string, unknown>; error?: { code: string; message: string; details?: unknown } } };

async function post(route: { POST: (req: Request) => Promise<Response> }, path: string, host: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await route.POST(
    new Request(`http://${host}${path}`, {
      method: "POST",
      headers: { host, origin: `http://${host}`, "content-type": "application/json", // Atrium's server (scripts/server.ts) hands the socket's address to the app in this header (tests/support/setup.ts sets ATRIUM_SERVER).
      "x-atrium-client-ip": freshIp(), ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
  return { status: res.status, json: await res.json() };
}
const passwordStep = (host: string, email: string, password = PASSWORD, headers: Record<string, string> = {}) =>
  post(passwordRoute, "/api/sign-in/password", host, { email, password }, headers);

describe("POST /api/sign-in/password", () => {
  it("answers a ticket for a right password, on the console and a tenant's host; the ticket makes the session", async () => {
    const s = await staff();
    const a = await passwordStep(CONSOLE, s.email);
    expect(a.status).toBe(200);
    expect(a.json.data).toEqual({ next: "complete", ticket: expect.any(String) });
    const user = await signInWithTicket(a.json.data!.ticket as string, CONSOLE, null, null);
    expect(user).toMatchObject({ id: s.id, kind: "staff" });

    const m = await withPassword(await addMember(T.id, "member"));
    const b = await passwordStep(hostOf(T), m.email);
    expect(b.json.data?.next).toBe("complete");
    expect(await signInWithTicket(b.json.data!.ticket as string, hostOf(T), null, null)).toMatchObject({ id: m.id, kind: "member", tenantId: T.id });
    // A member's password is no staff sign-in, and another tenant's host knows nobody.
    expect((await passwordStep(CONSOLE, m.email)).status).toBe(401);
    expect((await passwordStep(hostOf(await makeTenant()), m.email)).status).toBe(401);
  });

  it("one generic 401 for a wrong password and an unknown email; 400 naming the field for a bad body; 403 from another origin", async () => {
    const s = await staff();
    const wrong = await passwordStep(CONSOLE, s.email, "not the password");
    const unknown = await passwordStep(CONSOLE, `${uniq()}@nowhere.test`);
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.json.error).toEqual(unknown.json.error);
    expect(wrong.json.error?.code).toBe("invalid_credentials");

    const bad = await post(passwordRoute, "/api/sign-in/password", CONSOLE, { email: s.email });
    expect(bad.status).toBe(400);
    expect(bad.json.error?.details).toEqual([expect.objectContaining({ path: "password" })]);
    expect((await post(passwordRoute, "/api/sign-in/password", CONSOLE, "{not json")).json.error?.code).toBe("invalid_json");

    const foreign = await passwordStep(CONSOLE, s.email, PASSWORD, { origin: "https://evil.test" });
    expect([foreign.status, foreign.json.error?.code]).toEqual([403, "origin_not_allowed"]);
    const noOrigin = await passwordRoute.POST(new Request(`http://${CONSOLE}/api/sign-in/password`, { method: "POST", headers: { host: CONSOLE, "content-type": "application/json" }, body: JSON.stringify({ email: s.email, password: PASSWORD }) }));
    expect(noOrigin.status).toBe(403);
  });

  it("an account with a confirmed authenticator gets a second-factor challenge, not a ticket", async () => {
    const s = await staff();
    await ownerQuery("INSERT INTO user_totp_factors (user_id, secret_sealed, confirmed_at) VALUES ($1, $2, now())", [s.id, sealSecret(newTotpSecret())]);
    const a = await passwordStep(CONSOLE, s.email);
    expect(a.json.data).toEqual({ next: "second_factor", challenge: expect.any(String), methods: ["totp", "recovery_code"] });
    // The challenge is no ticket…
    expect(await signInWithTicket(a.json.data!.challenge as string, CONSOLE, null, null)).toBeNull();
    // …and carries what the second step needs to issue one.
    expect(await consumeOneTimeToken(a.json.data!.challenge as string, "second_factor_challenge", CONSOLE)).toEqual({
      userId: s.id,
      email: null,
      tenantId: null,
      data: { kind: "staff", tenantId: null, method: "password" },
    });
  });

  it("honours the tenant's policy: passwords off refuse members but let an owner in as break-glass; the IP allowlist refuses other addresses", async () => {
    const t = await makeTenant();
    const member = await withPassword(await addMember(t.id, "admin"));
    const owner = await withPassword(await addMember(t.id, "owner"));
    await setSecurityPolicy(t.id, { allowed_sign_in_methods: ["sso"] });
    const refused = await passwordStep(hostOf(t), member.email);
    expect([refused.status, refused.json.error?.code]).toEqual([403, "sign_in_method_not_allowed"]);
    expect(refused.json.error?.message).toMatch(/single sign-on/);
    // A wrong password still says only that.
    expect((await passwordStep(hostOf(t), member.email, "wrong")).json.error?.code).toBe("invalid_credentials");
    const glass = await passwordStep(hostOf(t), owner.email);
    expect(glass.json.data?.next).toBe("complete");
    const user = await signInWithTicket(glass.json.data!.ticket as string, hostOf(t), null, null);
    expect((await ownerQuery("SELECT method FROM auth_sessions WHERE id = $1", [user!.sid]))[0]).toEqual({ method: "break_glass" });

    await setSecurityPolicy(t.id, { allowed_sign_in_methods: ["password"], ip_allowlist: ["203.0.113.0/24"] });
    const outside = await passwordStep(hostOf(t), member.email);
    expect([outside.status, outside.json.error?.code]).toEqual([403, "ip_not_allowed"]);
    const inside = await passwordStep(hostOf(t), member.email, PASSWORD, { "x-atrium-client-ip": "203.0.113.9" });
    expect(inside.json.data?.next, JSON.stringify(inside.json)).toBe("complete");
  });
});

describe("session limits from the tenant's policy", () => {
  const asMember = async (cookie: string, t: { id: string; slug: string }) => (await memberFromSessionCookie(cookie, hostOf(t), t.id, NO_META))?.actor.userId ?? null;

  it("idle timeout and absolute lifetime end a member's session (and delete it); staff keep the cookie's lifetime", async () => {
    const t = await makeTenant();
    const m = await addMember(t.id, "member");
    await setSecurityPolicy(t.id, { idle_timeout_minutes: 15, absolute_lifetime_hours: 2 });
    const s = await signedInSession({ userId: m.id, host: hostOf(t), tenantId: t.id });
    const [row] = await ownerQuery<{ life: number }>("SELECT extract(epoch FROM expires_at - created_at)::int AS life FROM auth_sessions WHERE id = $1", [s.sid]);
    expect(row.life).toBe(2 * 3600);
    await ownerQuery("UPDATE auth_sessions SET last_seen_at = now() - interval '14 minutes' WHERE id = $1", [s.sid]);
    expect(await asMember(s.cookie, t)).toBe(m.id);
    await ownerQuery("UPDATE auth_sessions SET last_seen_at = now() - interval '16 minutes' WHERE id = $1", [s.sid]);
    expect(await asMember(s.cookie, t)).toBeNull();
    expect(await ownerQuery("SELECT 1 FROM auth_sessions WHERE id = $1", [s.sid])).toEqual([]);

    // A lifetime tightened after sign-in applies to sessions already running.
    const s2 = await signedInSession({ userId: m.id, host: hostOf(t), tenantId: t.id });
    await setSecurityPolicy(t.id, { idle_timeout_minutes: null, absolute_lifetime_hours: 1 });
    await ownerQuery("UPDATE auth_sessions SET created_at = now() - interval '61 minutes' WHERE id = $1", [s2.sid]);
    expect(await asMember(s2.cookie, t)).toBeNull();

    const st = await staff();
    const ss = await signedInSession({ userId: st.id, host: CONSOLE });
    const [srow] = await ownerQuery<{ life: number }>("SELECT extract(epoch FROM expires_at - created_at)::int AS life FROM auth_sessions WHERE id = $1", [ss.sid]);
    expect(srow.life).toBe(12 * 3600);
  });

  it("max sessions per member: a new sign-in ends the oldest, even when 20 sign in at once", async () => {
    const t = await makeTenant();
    const m = await addMember(t.id, "member");
    await setSecurityPolicy(t.id, { max_sessions_per_member: 2 });
    const a = await signedInSession({ userId: m.id, host: hostOf(t), tenantId: t.id });
    const b = await signedInSession({ userId: m.id, host: hostOf(t), tenantId: t.id });
    const c = await signedInSession({ userId: m.id, host: hostOf(t), tenantId: t.id });
    expect(await asMember(a.cookie, t)).toBeNull();
    expect([await asMember(b.cookie, t), await asMember(c.cookie, t)]).toEqual([m.id, m.id]);
    await Promise.all(Array.from({ length: 20 }, () => signedInSession({ userId: m.id, host: hostOf(t), tenantId: t.id })));
    expect(await ownerQuery("SELECT id FROM auth_sessions WHERE user_id = $1", [m.id])).toHaveLength(2);
  });

  it("require_2fa: a member without a second factor signs in pending (enrolment only); with one, or by passkey, not", async () => {
    const t = await makeTenant();
    const m = await addMember(t.id, "member");
    await setSecurityPolicy(t.id, { require_2fa: true });
    const s = await signedInSession({ userId: m.id, host: hostOf(t), tenantId: t.id });
    expect((await ownerQuery("SELECT second_factor_pending FROM auth_sessions WHERE id = $1", [s.sid]))[0]).toEqual({ second_factor_pending: true });
    expect(await asMember(s.cookie, t)).toBeNull();
    const viaTotp = await signedInSession({ userId: m.id, host: hostOf(t), tenantId: t.id, secondFactor: "totp" });
    expect(await asMember(viaTotp.cookie, t)).toBe(m.id);
    const viaPasskey = await signedInSession({ userId: m.id, host: hostOf(t), tenantId: t.id, method: "passkey" });
    expect(await asMember(viaPasskey.cookie, t)).toBe(m.id);
  });
});

describe("POST /api/sign-in/reauthenticate", () => {
  it("marks the session with the account's password; a wrong one is refused and counted; needs a session", async () => {
    const s = await withPassword({ id: (await staff()).id });
    const session = await signedInSession({ userId: s.id, host: CONSOLE });
    const ok = await post(reauthRoute, "/api/sign-in/reauthenticate", CONSOLE, { password: PASSWORD }, { cookie: session.cookie });
    expect(ok.status).toBe(200);
    const caller = await callerFromSessionCookie(session.cookie, CONSOLE, NO_META);
    expect(Date.now() - caller!.meta.session!.reauthenticatedAt!.getTime()).toBeLessThan(10_000);

    const wrong = await post(reauthRoute, "/api/sign-in/reauthenticate", CONSOLE, { password: "nope" }, { cookie: session.cookie });
    expect([wrong.status, wrong.json.error?.code]).toEqual([401, "invalid_credentials"]);
    const both = await post(reauthRoute, "/api/sign-in/reauthenticate", CONSOLE, { password: "x", code: "123456" }, { cookie: session.cookie });
    expect(both.status).toBe(400);
    expect(both.json.error?.details).toEqual([expect.objectContaining({ path: "password" })]);
    const anonymous = await post(reauthRoute, "/api/sign-in/reauthenticate", CONSOLE, { password: PASSWORD });
    expect([anonymous.status, anonymous.json.error?.code]).toEqual([401, "authentication_required"]);
  });

  it("after SIGN_IN_MAX_FAILURES wrong answers even the right password is refused", async () => {
    const s = await withPassword({ id: (await staff()).id });
    const session = await signedInSession({ userId: s.id, host: CONSOLE });
    for (let i = 0; i < 5; i++) await post(reauthRoute, "/api/sign-in/reauthenticate", CONSOLE, { password: `wrong-${i}` }, { cookie: session.cookie });
    const right = await post(reauthRoute, "/api/sign-in/reauthenticate", CONSOLE, { password: PASSWORD }, { cookie: session.cookie });
    expect(right.status).toBe(401);
    expect(right.json.error?.message).toMatch(/Too many attempts/);
  });
});
