import { encode } from "next-auth/jwt";
import * as authRoute from "@/app/api/auth/[...nextauth]/route";
import { beforeAll, describe, expect, it } from "vitest";
import { NO_META, systemCaller } from "@/lib/auth/caller";
import { accountFromMemberSession, callerFromSessionCookie, memberFromSessionCookie, pendingEnrolmentSession } from "@/lib/auth/session-caller";
import { createAuthSession } from "@/lib/auth/sessions/create-auth-session";
import { endAuthSessions } from "@/lib/auth/sessions/end-auth-sessions";
import { endOtherOwnSessions, endOwnSession } from "@/lib/auth/sessions/end-own-sessions";
import { listOwnSessions } from "@/lib/auth/sessions/list-own-sessions";
import { issueSignInTicket } from "@/lib/auth/sign-in/sign-in-ticket";
import { signInWithTicket } from "@/lib/auth/sign-in/redeem-ticket";
import { removeMember } from "@/lib/members/remove-member";
import { suspendMember } from "@/lib/members/change-member-status";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { changeTenantStatus } from "@/lib/tenants/change-tenant-status";
import { scheduleTenantDeletion } from "@/lib/tenants/tenant-deletion";
import { changeUserStatus } from "@/lib/users/change-user-status";
import { endUserSessions } from "@/lib/users/end-user-sessions";
import { ownerQuery } from "../support/db";
import { makeTenant, staffCaller, uniq } from "../support/fixtures";
import { signedInSession } from "../support/session-cookie";
import { addMember, codeOf } from "../support/tenant-members";

const CONSOLE = "localhost:3000";
const hostOf = (t: { slug: string }) => `${t.slug}.localhost:3000`;
const system = systemCaller("test");

async function staffAccount(role = "operator") {
  const id = uniq("user_");
  await ownerQuery("INSERT INTO users (id, email, name, platform_role) VALUES ($1, $2, 'Staff', $3)", [id, `${id}@atrium.test`, role]);
  return id;
}
const rowsOf = async (userId: string) => (await ownerQuery<{ id: string }>("SELECT id FROM auth_sessions WHERE user_id = $1 ORDER BY created_at", [userId])).map((r) => r.id);
const asMember = async (cookie: string, t: { id: string; slug: string }) => (await memberFromSessionCookie(cookie, hostOf(t), t.id, NO_META))?.actor.userId ?? null;

let T: { id: string; slug: string };
beforeAll(async () => {
  T = await makeTenant();
});

describe("sign-in tickets", () => {
  it("turn into a session record once, on their own host, for an account that may still enter", async () => {
    const staff = await staffAccount();
    const ticket = await issueSignInTicket({ userId: staff, kind: "staff", tenantId: null, host: CONSOLE, method: "password", secondFactor: null });
    expect(await signInWithTicket(ticket, "other.localhost:3000", null, null)).toBeNull();
    const user = await signInWithTicket(ticket, CONSOLE, "198.51.100.7", "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0");
    expect(user).toMatchObject({ id: staff, kind: "staff", host: CONSOLE, sid: expect.stringMatching(/^ses_[A-Za-z0-9_-]{22}$/) });
    expect(await signInWithTicket(ticket, CONSOLE, null, null)).toBeNull();
    const [row] = await ownerQuery("SELECT kind, tenant_id, host, ip, user_agent, method, second_factor_pending FROM auth_sessions WHERE id = $1", [user!.sid]);
    expect(row).toEqual({ kind: "staff", tenant_id: null, host: CONSOLE, ip: "198.51.100.7", user_agent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0", method: "password", second_factor_pending: false });

    // A member's ticket needs an active membership of the host's tenant when redeemed.
    const m = await addMember(T.id, "member");
    const memberTicket = await issueSignInTicket({ userId: m.id, kind: "member", tenantId: T.id, host: hostOf(T), method: "password", secondFactor: null });
    await ownerQuery("UPDATE memberships SET status = 'suspended' WHERE tenant_id = $1 AND user_id = $2", [T.id, m.id]);
    expect(await signInWithTicket(memberTicket, hostOf(T), null, null)).toBeNull();
    expect(await rowsOf(m.id)).toEqual([]);
  });

  it("20 parallel redemptions of one ticket make exactly one session", async () => {
    const staff = await staffAccount();
    const ticket = await issueSignInTicket({ userId: staff, kind: "staff", tenantId: null, host: CONSOLE, method: "password", secondFactor: null });
    const results = await Promise.all(Array.from({ length: 20 }, () => signInWithTicket(ticket, CONSOLE, null, null)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await rowsOf(staff)).toHaveLength(1);
  });
});

describe("session checks", () => {
  it("need the token's sid to name a live record of this account, host, kind and tenant", async () => {
    const staff = await staffAccount();
    const s = await signedInSession({ userId: staff, host: CONSOLE });
    const caller = await callerFromSessionCookie(s.cookie, CONSOLE, NO_META);
    expect(caller?.id).toBe(staff);
    expect(caller?.meta.session).toMatchObject({ id: s.sid, secondFactor: null, impersonationGrantId: null, reauthenticatedAt: null });

    const secret = process.env.NEXTAUTH_SECRET!;
    const forged = async (claims: Record<string, unknown>) => `next-auth.session-token=${await encode({ token: { sub: staff, host: CONSOLE, ...claims }, secret })}`;
    expect(await callerFromSessionCookie(await forged({}), CONSOLE, NO_META)).toBeNull();
    expect(await callerFromSessionCookie(await forged({ sid: "ses_madeup" }), CONSOLE, NO_META)).toBeNull();
    // Another account's session id does not carry over to this account.
    const other = await signedInSession({ userId: await staffAccount(), host: CONSOLE });
    expect(await callerFromSessionCookie(await forged({ sid: other.sid }), CONSOLE, NO_META)).toBeNull();

    // Past expires_at: signed out.
    await ownerQuery("UPDATE auth_sessions SET expires_at = now() - interval '1 second' WHERE id = $1", [s.sid]);
    expect(await callerFromSessionCookie(s.cookie, CONSOLE, NO_META)).toBeNull();
  });

  it("a deleted record signs the holder out at the next request (console and portal alike)", async () => {
    const staff = await staffAccount();
    const s = await signedInSession({ userId: staff, host: CONSOLE });
    const m = await addMember(T.id, "admin");
    const ms = await signedInSession({ userId: m.id, host: hostOf(T), tenantId: T.id });
    expect(await callerFromSessionCookie(s.cookie, CONSOLE, NO_META)).not.toBeNull();
    expect(await asMember(ms.cookie, T)).toBe(m.id);
    expect(await accountFromMemberSession(ms.cookie, hostOf(T), T.id)).toMatchObject({ id: m.id });
    expect(await endAuthSessions({ sessionIds: [s.sid, ms.sid] }, "signed_out")).toBe(2);
    expect(await callerFromSessionCookie(s.cookie, CONSOLE, NO_META)).toBeNull();
    expect(await asMember(ms.cookie, T)).toBeNull();
    expect(await accountFromMemberSession(ms.cookie, hostOf(T), T.id)).toBeNull();
  });

  it("last_seen_at is written at most once a minute", async () => {
    const staff = await staffAccount();
    const s = await signedInSession({ userId: staff, host: CONSOLE });
    const seen = async () => (await ownerQuery<{ last_seen_at: Date }>("SELECT last_seen_at FROM auth_sessions WHERE id = $1", [s.sid]))[0].last_seen_at.getTime();
    await ownerQuery("UPDATE auth_sessions SET last_seen_at = now() - interval '30 seconds' WHERE id = $1", [s.sid]);
    const before = await seen();
    await callerFromSessionCookie(s.cookie, CONSOLE, NO_META);
    expect(await seen()).toBe(before);
    await ownerQuery("UPDATE auth_sessions SET last_seen_at = now() - interval '61 seconds' WHERE id = $1", [s.sid]);
    await callerFromSessionCookie(s.cookie, CONSOLE, NO_META);
    expect(Date.now() - (await seen())).toBeLessThan(5_000);
  });

  it("a session owing a second factor is no session, except for enrolment", async () => {
    const staff = await staffAccount();
    const s = await signedInSession({ userId: staff, host: CONSOLE });
    await ownerQuery("UPDATE auth_sessions SET second_factor_pending = true WHERE id = $1", [s.sid]);
    expect(await callerFromSessionCookie(s.cookie, CONSOLE, NO_META)).toBeNull();
    expect((await pendingEnrolmentSession(s.cookie, CONSOLE))?.id).toBe(s.sid);
    await ownerQuery("UPDATE auth_sessions SET second_factor_pending = false WHERE id = $1", [s.sid]);
    expect(await pendingEnrolmentSession(s.cookie, CONSOLE)).toBeNull();
    expect(await callerFromSessionCookie(s.cookie, CONSOLE, NO_META)).not.toBeNull();
  });
});

describe("ending sessions", () => {
  it("endAuthSessions matches every field of its filter, and refuses an empty one", async () => {
    const m = await addMember(T.id, "member");
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => signedInSession({ userId: m.id, host: hostOf(T), tenantId: T.id })));
    expect(await endAuthSessions({ userId: m.id, tenantId: T.id, exceptSessionId: a.sid }, "signed_out_elsewhere")).toBe(2);
    expect(await rowsOf(m.id)).toEqual([a.sid]);
    expect(b.sid).not.toBe(c.sid);
    await expect(endAuthSessions({}, "x")).rejects.toThrow(/needs a user/);
    expect(await endAuthSessions({ sessionIds: [] }, "x")).toBe(0);
  });

  it("removing a member ends their sessions in that tenant only; the row is gone and the cookie no longer works", async () => {
    const other = await makeTenant();
    const m = await addMember(T.id, "member");
    await ownerQuery("INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, 'member')", [other.id, m.id]);
    const here = await signedInSession({ userId: m.id, host: hostOf(T), tenantId: T.id });
    const there = await signedInSession({ userId: m.id, host: hostOf(other), tenantId: other.id });
    await removeMember(platformActor(system), T.id, m.id);
    expect(await rowsOf(m.id)).toEqual([there.sid]);
    expect(await asMember(here.cookie, T)).toBeNull();
    expect(await asMember(there.cookie, other)).toBe(m.id);
  });

  it("suspending a member ends their sessions in the tenant", async () => {
    const m = await addMember(T.id, "member");
    const s = await signedInSession({ userId: m.id, host: hostOf(T), tenantId: T.id });
    await suspendMember(platformActor(system), T.id, m.id);
    expect(await rowsOf(m.id)).toEqual([]);
    await ownerQuery("UPDATE memberships SET status = 'active' WHERE tenant_id = $1 AND user_id = $2", [T.id, m.id]);
    expect(await asMember(s.cookie, T)).toBeNull();
  });

  it("suspending an account ends its console and portal sessions", async () => {
    const staff = await staffAccount();
    await ownerQuery("INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, 'member')", [T.id, staff]);
    const c = await signedInSession({ userId: staff, host: CONSOLE });
    const p = await signedInSession({ userId: staff, host: hostOf(T), tenantId: T.id });
    await changeUserStatus(system, staff, "suspended");
    expect(await rowsOf(staff)).toEqual([]);
    await ownerQuery("UPDATE users SET status = 'active' WHERE id = $1", [staff]);
    expect(await callerFromSessionCookie(c.cookie, CONSOLE, NO_META)).toBeNull();
    expect(await asMember(p.cookie, T)).toBeNull();
  });

  it("suspending, archiving or scheduling the deletion of a tenant ends every session on its portal, and no staff session", async () => {
    for (const end of [
      (id: string) => changeTenantStatus(system, id, "suspend"),
      (id: string) => changeTenantStatus(system, id, "archive"),
      (id: string) => scheduleTenantDeletion(system, id, 7),
    ]) {
      const t = await makeTenant();
      const m = await addMember(t.id, "admin");
      const staff = await staffAccount();
      const ms = await signedInSession({ userId: m.id, host: hostOf(t), tenantId: t.id });
      const ss = await signedInSession({ userId: staff, host: CONSOLE });
      await end(t.id);
      expect(await ownerQuery("SELECT id FROM auth_sessions WHERE tenant_id = $1", [t.id])).toEqual([]);
      expect(await rowsOf(staff)).toEqual([ss.sid]);
      expect(ms.sid).toMatch(/^ses_/);
    }
  });

  it("deleting an account or a tenant takes its sessions and tokens with it", async () => {
    const t = await makeTenant();
    const m = await addMember(t.id, "member");
    await createAuthSession({ userId: m.id, kind: "member", tenantId: t.id, host: hostOf(t), ip: null, userAgent: null, method: "password", secondFactor: null });
    await ownerQuery("DELETE FROM tenants WHERE id = $1", [t.id]);
    expect(await rowsOf(m.id)).toEqual([]);
  });
});

describe("Your sessions and staff's end-all", () => {
  const account = async (userId: string, email: string, s: { sid: string }, tenantId: string | null) => {
    const [row] = await ownerQuery<{ created_at: Date }>("SELECT created_at FROM auth_sessions WHERE id = $1", [s.sid]);
    return { userId, email, kind: tenantId ? ("member" as const) : ("staff" as const), tenantId, session: { id: s.sid, createdAt: row.created_at, reauthenticatedAt: null, secondFactor: null, impersonationGrantId: null }, meta: NO_META };
  };

  it("lists the account's sessions where it is now, current first, with the device from the user agent", async () => {
    const m = await addMember(T.id, "member");
    const other = await makeTenant();
    await ownerQuery("INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, 'member')", [other.id, m.id]);
    const phone = await signedInSession({ userId: m.id, host: hostOf(T), tenantId: T.id, ip: "203.0.113.5", userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1" });
    const laptop = await signedInSession({ userId: m.id, host: hostOf(T), tenantId: T.id, ip: "203.0.113.6", userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36" });
    await signedInSession({ userId: m.id, host: hostOf(other), tenantId: other.id });
    const list = await listOwnSessions(await account(m.id, m.email, laptop, T.id));
    expect(list.map((s) => [s.id, s.current, s.device, s.device_type, s.ip, s.method])).toEqual([
      [laptop.sid, true, "Chrome on macOS", "desktop", "203.0.113.6", "password"],
      [phone.sid, false, "Safari on iOS", "mobile", "203.0.113.5", "password"],
    ]);
  });

  it("signs out one of one's own sessions or all others (audited); another account's session is not found", async () => {
    const m = await addMember(T.id, "member");
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => signedInSession({ userId: m.id, host: hostOf(T), tenantId: T.id })));
    const stranger = await addMember(T.id, "member");
    const theirs = await signedInSession({ userId: stranger.id, host: hostOf(T), tenantId: T.id });
    const me = await account(m.id, m.email, a, T.id);
    expect(await codeOf(endOwnSession(me, theirs.sid))).toBe("not_found");
    expect(await codeOf(endOwnSession(me, "not a session"))).toBe("invalid_request");
    expect(await endOwnSession(me, b.sid)).toEqual({ ended: true, current: false });
    expect(await asMember(b.cookie, T)).toBeNull();
    expect(await endOtherOwnSessions(me)).toEqual({ ended: 1 });
    expect(await rowsOf(m.id)).toEqual([a.sid]);
    expect(await asMember(c.cookie, T)).toBeNull();
    expect(await asMember(theirs.cookie, T)).toBe(stranger.id);
    const events = await ownerQuery<{ action: string; tenant_id: string; actor_id: string; after: unknown }>("SELECT action, tenant_id, actor_id, after FROM audit_events WHERE target_id = $1 ORDER BY seq", [m.id]);
    expect(events.filter((e) => e.action === "security.session_ended")).toEqual([
      { action: "security.session_ended", tenant_id: T.id, actor_id: m.id, after: { sessions_ended: 1, current: false } },
      { action: "security.session_ended", tenant_id: T.id, actor_id: m.id, after: { sessions_ended: 1, current: false, all_others: true } },
    ]);
  });

  it("staff with users:manage end every session of an account, audited; others may not", async () => {
    const target = await staffAccount();
    await ownerQuery("INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, 'member')", [T.id, target]);
    const c = await signedInSession({ userId: target, host: CONSOLE });
    await signedInSession({ userId: target, host: hostOf(T), tenantId: T.id });
    expect(await codeOf(endUserSessions(staffCaller("operator"), target))).toBe("admin_privileges_required");
    expect(await rowsOf(target)).toHaveLength(2);
    const admin = staffCaller("admin");
    expect(await endUserSessions(admin, target)).toEqual({ ended: 2 });
    expect(await callerFromSessionCookie(c.cookie, CONSOLE, NO_META)).toBeNull();
    expect(await ownerQuery("SELECT status FROM users WHERE id = $1", [target])).toEqual([{ status: "active" }]);
    const [event] = await ownerQuery<{ action: string; actor_id: string; tenant_id: string | null; after: unknown }>("SELECT action, actor_id, tenant_id, after FROM audit_events WHERE target_id = $1 AND action = 'security.sessions_ended_by_staff'", [target]);
    expect(event).toEqual({ action: "security.sessions_ended_by_staff", actor_id: admin.id, tenant_id: null, after: { sessions_ended: 2 } });
    expect(await codeOf(endUserSessions(admin, "user_doesnotexist00"))).toBe("not_found");
  });

  it("signing out through next-auth deletes the session record", async () => {
    const staff = await staffAccount();
    const s = await signedInSession({ userId: staff, host: CONSOLE });
    const auth = (path: string, init: { method?: string; cookie: string; form?: Record<string, string> }) =>
      (init.method === "POST" ? authRoute.POST : authRoute.GET)(
        new Request(`http://${CONSOLE}${path}`, {
          method: init.method ?? "GET",
          headers: { host: CONSOLE, cookie: init.cookie, ...(init.form ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
          body: init.form ? new URLSearchParams(init.form).toString() : undefined,
        }),
        { params: Promise.resolve({ nextauth: path.replace("/api/auth/", "").split("/") }) },
      );
    const csrf = await auth("/api/auth/csrf", { cookie: s.cookie });
    const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const out = await auth("/api/auth/signout", { method: "POST", cookie: `${s.cookie}; ${csrfCookie}`, form: { csrfToken: (await csrf.json()).csrfToken, json: "true" } });
    expect(out.status).toBe(200);
    expect(await rowsOf(staff)).toEqual([]);
  });
});
