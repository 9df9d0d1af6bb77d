import { beforeAll, describe, expect, it, vi } from "vitest";
import { POST as requestRoute } from "@/app/api/account/password-reset/route";
import { POST as completeRoute } from "@/app/api/account/password-reset/complete/route";
import { NO_META } from "@/lib/auth/caller";
import { hashPassword } from "@/lib/auth/password";
import { requestPasswordReset, RESETS_PER_EMAIL_PER_HOUR } from "@/lib/auth/password-reset/request-password-reset";
import { verifyMemberCredentials, verifyStaffCredentials } from "@/lib/auth/sign-in";
import { createAuthSession } from "@/lib/auth/sessions/create-auth-session";
import { makeTenant, uniq } from "../support/fixtures";
import { auditEvents, ownerQuery } from "../support/db";
import { addMember } from "../support/tenant-members";

vi.setConfig({ testTimeout: 90_000 });

const CONSOLE = "localhost:3000";
const OLD = "old password that is long";
const NEW = "brand new password 2026";
let oldHash: string;
beforeAll(async () => {
  oldHash = await hashPassword(OLD);
});

async function staff() {
  const id = uniq("user_");
  const email = `${id}@atrium.test`;
  await ownerQuery("INSERT INTO users (id, email, name, password_hash, platform_role) VALUES ($1, $2, 'Staff', $3, 'operator')", [id, email, oldHash]);
  return { id, email };
}

async function member(tenantId: string) {
  const m = await addMember(tenantId, "member");
  await ownerQuery("UPDATE users SET password_hash = $2 WHERE id = $1", [m.id, oldHash]);
  return m;
}

const post = (handler: typeof requestRoute, host: string, body: unknown, extra: Record<string, string> = {}) =>
  callPlain(handler, host, body, { origin: `http://${host}`, "x-atrium-client-ip": extra.ip ?? `198.51.100.${uniq("")}`, ...extra });

async function callPlain(handler: typeof requestRoute, host: string, body: unknown, headers: Record<string, string>) {
  const res = await handler(new Request(`http://${host}/api/account/password-reset`, { method: "POST", headers: { host, "content-type": "application/json", ...headers }, body: JSON.stringify(body) }));
  return { status: res.status, json: await res.json() };
}

const resetMails = (to: string) => ownerQuery<{ text: string; tenant_id: string | null }>("SELECT text, tenant_id FROM mail_outbox WHERE to_address = $1 AND kind = 'password_reset' ORDER BY created_at", [to]);

/** The link in the newest reset mail to `to`. */
async function linkFor(to: string): Promise<URL> {
  const mails = await resetMails(to);
  const m = mails.at(-1)?.text.match(/https?:\/\/\S+\/reset-password\?token=\S+/);
  if (!m) throw new Error(`no reset link mailed to ${to}`);
  return new URL(m[0]);
}

async function waitForMail(to: string, count = 1): Promise<void> {
  for (let i = 0; i < 100 && (await resetMails(to)).length < count; i++) await new Promise((r) => setTimeout(r, 50));
}

const tokenOf = (link: URL) => link.searchParams.get("token")!;

describe("POST /api/account/password-reset", () => {
  it("answers an existing account and an unknown address with the same 202 and body; only the account gets a mail", async () => {
    const u = await staff();
    const unknown = `${uniq("nobody")}@atrium.test`;
    const a = await post(requestRoute, CONSOLE, { email: u.email.toUpperCase() });
    const b = await post(requestRoute, CONSOLE, { email: unknown });
    expect(a).toEqual(b);
    expect(a.status).toBe(202);
    await waitForMail(u.email);
    expect(await resetMails(u.email)).toHaveLength(1);
    expect(await resetMails(unknown)).toEqual([]);
    const [e] = await auditEvents(u.id, "security.password_reset_requested");
    expect(e).toMatchObject({ tenant_id: null, actor_id: u.id });
    expect(JSON.stringify(e)).not.toContain(tokenOf(await linkFor(u.email)));
  });

  it("refuses bad input with a 400 naming the field, and a foreign or missing Origin with 403", async () => {
    const bad = await post(requestRoute, CONSOLE, { email: "not an email" });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].path).toBe("email");
    expect((await post(requestRoute, CONSOLE, {})).json.error.details[0].path).toBe("email");
    expect((await post(requestRoute, CONSOLE, { email: "a@b.test", extra: 1 })).status).toBe(400);
    const foreign = await callPlain(requestRoute, CONSOLE, { email: "a@b.test" }, { origin: "http://evil.test" });
    expect(foreign.status).toBe(403);
    expect((await callPlain(requestRoute, CONSOLE, { email: "a@b.test" }, {})).json.error.code).toBe("origin_not_allowed");
  });

  it("sends at most RESETS_PER_EMAIL_PER_HOUR mails per address (answering as usual), and 429s an address after 20 requests", async () => {
    const u = await staff();
    for (let i = 0; i < RESETS_PER_EMAIL_PER_HOUR + 2; i++) await requestPasswordReset({ email: u.email, host: CONSOLE, meta: NO_META });
    expect(await resetMails(u.email)).toHaveLength(RESETS_PER_EMAIL_PER_HOUR);

    const ip = `203.0.113.${uniq("")}`;
    const answers = await Promise.all(Array.from({ length: 21 }, (_, i) => post(requestRoute, CONSOLE, { email: `${uniq("x")}${i}@nowhere.test` }, { ip })));
    expect(answers.filter((a) => a.status === 202)).toHaveLength(20);
    const refused = answers.find((a) => a.status === 429)!;
    expect(refused.json.error.code).toBe("rate_limit_exceeded");
    expect(answers.every((a) => a.status < 500)).toBe(true);
  });

  it("mails a member only on a portal they are an active member of, staff only on the console", async () => {
    const [t, other] = await Promise.all([makeTenant(), makeTenant()]);
    const m = await member(t.id);
    const s = await staff();
    expect(await requestPasswordReset({ email: m.email, host: CONSOLE, meta: NO_META })).toBe(false);
    expect(await requestPasswordReset({ email: m.email, host: `${other.slug}.${CONSOLE}`, meta: NO_META })).toBe(false);
    expect(await requestPasswordReset({ email: s.email, host: `${t.slug}.${CONSOLE}`, meta: NO_META })).toBe(false);
    expect(await requestPasswordReset({ email: m.email, host: "unknown.example", meta: NO_META })).toBe(false);
    await ownerQuery("UPDATE memberships SET status = 'suspended' WHERE tenant_id = $1 AND user_id = $2", [t.id, m.id]);
    expect(await requestPasswordReset({ email: m.email, host: `${t.slug}.${CONSOLE}`, meta: NO_META })).toBe(false);
    await ownerQuery("UPDATE memberships SET status = 'active' WHERE tenant_id = $1 AND user_id = $2", [t.id, m.id]);
    expect(await requestPasswordReset({ email: m.email, host: `${t.slug}.${CONSOLE}`, meta: NO_META })).toBe(true);
    const [mail] = await resetMails(m.email);
    expect(mail.tenant_id).toBe(t.id);
    expect((await linkFor(m.email)).host).toBe(`${t.slug}.${CONSOLE}`);
    expect((await auditEvents(m.id, "security.password_reset_requested"))[0].tenant_id).toBe(t.id);
  });

  it("builds the link from the stored host: the tenant's verified primary domain, whatever Host or X-Forwarded-Host said", async () => {
    const t = await makeTenant();
    const m = await member(t.id);
    const domain = `${uniq("portal")}.example.com`;
    await ownerQuery("INSERT INTO tenant_domains (tenant_id, id, domain, is_primary, verification_token, status, verified_at) VALUES ($1, $2, $3, true, 'x', 'verified', now())", [t.id, uniq("dom_"), domain]);
    const r = await post(requestRoute, `${t.slug}.${CONSOLE}`, { email: m.email }, { "x-forwarded-host": "evil.test" });
    expect(r.status).toBe(202);
    await waitForMail(m.email);
    const link = await linkFor(m.email);
    expect(link.host).toBe(`${domain}:3000`);
    expect(link.pathname).toBe("/reset-password");
    expect(tokenOf(link).length).toBeGreaterThanOrEqual(43); // 32 random bytes, base64url
  });
});

describe("POST /api/account/password-reset/complete", () => {
  it("sets the password once: the token is single use, every session of the account ends, the alert is raised", async () => {
    const u = await staff();
    const other = await staff();
    const sessions = await Promise.all([0, 1].map(() => createAuthSession({ userId: u.id, kind: "staff", tenantId: null, host: CONSOLE, ip: "203.0.113.1", userAgent: null, method: "password", secondFactor: null })));
    const theirs = await createAuthSession({ userId: other.id, kind: "staff", tenantId: null, host: CONSOLE, ip: null, userAgent: null, method: "password", secondFactor: null });
    await requestPasswordReset({ email: u.email, host: CONSOLE, meta: NO_META });
    const token = tokenOf(await linkFor(u.email));

    const short = await post(completeRoute, CONSOLE, { token, password: "short" });
    expect(short.status).toBe(400);
    expect(short.json.error.details[0].path).toBe("password");

    const answers = await Promise.all(Array.from({ length: 20 }, () => post(completeRoute, CONSOLE, { token, password: NEW })));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    for (const a of answers.filter((x) => x.status !== 200)) expect(a).toMatchObject({ status: 400, json: { error: { code: "token_invalid" } } });

    expect(await verifyStaffCredentials(u.email, NEW, "192.0.2.200")).not.toBeNull();
    expect(await verifyStaffCredentials(u.email, OLD, "192.0.2.200")).toBeNull();
    const left = await ownerQuery<{ id: string }>("SELECT id FROM auth_sessions WHERE id = ANY($1::text[])", [[...sessions.map((s) => s.id), theirs.id]]);
    expect(left.map((r) => r.id)).toEqual([theirs.id]);
    const [alert] = await auditEvents(u.id, "security.password_reset_completed");
    expect(alert.after).toMatchObject({ kind: "password_reset", sessions_ended: 2 });
    expect(await ownerQuery("SELECT 1 FROM mail_outbox WHERE to_address = $1 AND kind = 'security_alert'", [u.email])).toHaveLength(1);
  });

  it("refuses an expired token, and spends every other outstanding link of the account", async () => {
    const u = await staff();
    await requestPasswordReset({ email: u.email, host: CONSOLE, meta: NO_META });
    const first = tokenOf(await linkFor(u.email));
    await requestPasswordReset({ email: u.email, host: CONSOLE, meta: NO_META });
    const second = tokenOf(await linkFor(u.email));
    await ownerQuery("UPDATE auth_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND purpose = 'password_reset' AND created_at = (SELECT max(created_at) FROM auth_tokens WHERE user_id = $1 AND purpose = 'password_reset')", [u.id]);
    expect((await post(completeRoute, CONSOLE, { token: second, password: NEW })).json.error.code).toBe("token_invalid");
    expect((await post(completeRoute, CONSOLE, { token: first, password: NEW })).status).toBe(200);
    await requestPasswordReset({ email: u.email, host: CONSOLE, meta: NO_META });
    const third = tokenOf(await linkFor(u.email));
    await requestPasswordReset({ email: u.email, host: CONSOLE, meta: NO_META });
    const fourth = tokenOf(await linkFor(u.email));
    expect((await post(completeRoute, CONSOLE, { token: fourth, password: NEW })).status).toBe(200);
    expect((await post(completeRoute, CONSOLE, { token: third, password: "yet another long password" })).json.error.code).toBe("token_invalid");
  });

  it("binds a token to its host: a console token is refused on a portal and a portal token on the console or another portal", async () => {
    const [t, other] = await Promise.all([makeTenant(), makeTenant()]);
    const m = await member(t.id);
    await ownerQuery("INSERT INTO memberships (tenant_id, user_id, role, status) VALUES ($1, $2, 'member', 'active')", [other.id, m.id]);
    const s = await staff();
    await requestPasswordReset({ email: s.email, host: CONSOLE, meta: NO_META });
    const consoleToken = tokenOf(await linkFor(s.email));
    await requestPasswordReset({ email: m.email, host: `${t.slug}.${CONSOLE}`, meta: NO_META });
    const portalToken = tokenOf(await linkFor(m.email));

    expect((await post(completeRoute, `${t.slug}.${CONSOLE}`, { token: consoleToken, password: NEW })).json.error.code).toBe("token_invalid");
    expect((await post(completeRoute, CONSOLE, { token: portalToken, password: NEW })).json.error.code).toBe("token_invalid");
    expect((await post(completeRoute, `${other.slug}.${CONSOLE}`, { token: portalToken, password: NEW })).json.error.code).toBe("token_invalid");
    // A refused use on the wrong host does not spend the token.
    expect((await post(completeRoute, `${t.slug}.${CONSOLE}`, { token: portalToken, password: NEW })).status).toBe(200);
    expect((await post(completeRoute, CONSOLE, { token: consoleToken, password: NEW })).status).toBe(200);
    expect(await verifyMemberCredentials(m.email, NEW, "192.0.2.201", t.id)).not.toBeNull();
  });

  it("refuses a link whose account was suspended after it was mailed", async () => {
    const u = await staff();
    await requestPasswordReset({ email: u.email, host: CONSOLE, meta: NO_META });
    const token = tokenOf(await linkFor(u.email));
    await ownerQuery("UPDATE users SET status = 'suspended' WHERE id = $1", [u.id]);
    expect((await post(completeRoute, CONSOLE, { token, password: NEW })).json.error.code).toBe("token_invalid");
    const [row] = await ownerQuery<{ password_hash: string }>("SELECT password_hash FROM users WHERE id = $1", [u.id]);
    expect(row.password_hash).toBe(oldHash);
  });
});
