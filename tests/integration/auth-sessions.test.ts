import { encode } from "next-auth/jwt";
import { beforeAll, describe, expect, it } from "vitest";
import { NO_META, systemCaller } from "@/lib/auth/caller";
import { accountFromMemberSession, callerFromSessionCookie, memberFromSessionCookie, pendingEnrolmentSession } from "@/lib/auth/session-caller";
import { createAuthSession } from "@/lib/auth/sessions/create-auth-session";
import { endAuthSessions } from "@/lib/auth/sessions/end-auth-sessions";
import { issueSignInTicket } from "@/lib/auth/sign-in/sign-in-ticket";
import { signInWithTicket } from "@/lib/auth/sign-in/redeem-ticket";
import { removeMember } from "@/lib/members/remove-member";
import { suspendMember } from "@/lib/members/change-member-status";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { changeTenantStatus } from "@/lib/tenants/change-tenant-status";
import { scheduleTenantDeletion } from "@/lib/tenants/tenant-deletion";
import { changeUserStatus } from "@/lib/users/change-user-status";
import { ownerQuery } from "../support/db";
import { makeTenant, uniq } from "../support/fixtures";
import { signedInSession } from "../support/session-cookie";
import { addMember } from "../support/tenant-members";

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
