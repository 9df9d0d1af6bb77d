import { decode, type JWT } from "next-auth/jwt";
import type { Caller, RequestMeta } from "@/lib/auth/caller";
import { PLATFORM_ROLE_PERMISSIONS, type PlatformRole } from "@/lib/auth/permissions";
import { liveSession, sessionInfo, type LiveSession } from "@/lib/auth/sessions/live-session";
import { withTenantScope } from "@/lib/db/scope";
import { supportMemberFromSession } from "@/lib/impersonation/support-member";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";

const COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

function readCookie(cookieHeader: string | null, name: string): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) {
      // A malformed %-escape is a bad cookie (no session), not a server error.
      try {
        return decodeURIComponent(part.slice(i + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** The session token in the cookie, if it decodes and was issued on `host`. */
async function sessionToken(cookieHeader: string | null, host: string): Promise<JWT | null> {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) return null;
  for (const name of COOKIE_NAMES) {
    const raw = readCookie(cookieHeader, name);
    if (!raw) continue;
    const token = await decode({ token: raw, secret }).catch(() => null);
    return token?.sub && token.host === host.toLowerCase() ? token : null;
  }
  return null;
}

/** The live, fully signed-in session behind the cookie for this host (and tenant), or null. */
async function signedInSession(cookieHeader: string | null, host: string, kind: "staff" | "member", tenantId: string | null): Promise<LiveSession | null> {
  const token = await sessionToken(cookieHeader, host);
  if (!token || (kind === "member" ? token.kind !== "member" || token.tenantId !== tenantId : token.kind === "member")) return null;
  const session = await liveSession(token, host, kind, tenantId);
  // A session still owing a second factor is good only for enrolling one (pendingEnrolmentSession).
  return session && !session.secondFactorPending ? session : null;
}

/**
 * The platform staff member behind a session cookie, or null. The session
 * record must be live (lib/auth/sessions/live-session.ts), issued on this
 * host, and the account must still be active and still hold a platform role:
 * removing any of them ends access at the next request.
 */
export async function callerFromSessionCookie(cookieHeader: string | null, host: string, meta: RequestMeta): Promise<Caller | null> {
  const session = await signedInSession(cookieHeader, host, "staff", null);
  const user = session?.user;
  if (!session || !user || user.status !== "active" || !user.platformRole) return null;
  const platformRole = user.platformRole as PlatformRole;
  return {
    kind: "user",
    id: user.id,
    label: user.email,
    platformRole,
    permissions: new Set(PLATFORM_ROLE_PERMISSIONS[platformRole]),
    meta: { ...meta, session: sessionInfo(session) },
  };
}

/**
 * A session that signed in but still owes a second factor its policy requires
 * (second_factor_pending): good only for the enrolment pages and routes, which
 * call this; everything else sees no session. Null for any other cookie.
 */
export async function pendingEnrolmentSession(cookieHeader: string | null, host: string): Promise<LiveSession | null> {
  const token = await sessionToken(cookieHeader, host);
  if (!token) return null;
  const kind = token.kind === "member" ? "member" : "staff";
  const tenantId = kind === "member" && typeof token.tenantId === "string" ? token.tenantId : null;
  if (kind === "member" && !tenantId) return null;
  const session = await liveSession(token, host, kind, tenantId);
  return session?.secondFactorPending && session.user.status === "active" ? session : null;
}

/**
 * The account behind a member session cookie issued on `host` for `tenantId`,
 * whatever has since happened to its membership: whoever holds the session is
 * at the keyboard, and accepting an invitation must not act for anyone else.
 */
export async function accountFromMemberSession(cookieHeader: string | null, host: string, tenantId: string): Promise<{ id: string; email: string } | null> {
  const session = await signedInSession(cookieHeader, host, "member", tenantId);
  // A support session acts for the tenant, never as an account of its own (no invitation is accepted with it).
  return session && !session.impersonationGrantId ? { id: session.user.id, email: session.user.email } : null;
}

export type PortalMember = { actor: Extract<TenantActor, { kind: "member" }>; email: string; name: string; role: string };

// last_active_at is a "seen recently" figure; writing it on every request would turn reads into writes.
const ACTIVITY_RESOLUTION = "5 minutes";

/**
 * The member of `tenantId` behind a session cookie issued on `host`, or null.
 * The account and the membership are read again on every request, so a
 * removed or suspended member (or account) loses access at their next request.
 */
export async function memberFromSessionCookie(cookieHeader: string | null, host: string, tenantId: string, meta: RequestMeta): Promise<PortalMember | null> {
  const session = await signedInSession(cookieHeader, host, "member", tenantId);
  if (!session) return null;
  // Platform staff under an approved grant: no membership, the grant decides (lib/impersonation).
  if (session.impersonationGrantId) return supportMemberFromSession(session, tenantId, meta);
  const userId = session.userId;
  const m = await withTenantScope(tenantId, async (tx) => {
    const row = await tx.membership.findFirst({ where: { tenantId, userId }, select: { role: true, status: true, user: { select: { email: true, name: true, status: true } } } });
    if (!row || row.status !== "active" || row.user.status !== "active") return null;
    await tx.$executeRawUnsafe(
      `UPDATE memberships SET last_active_at = now() WHERE tenant_id = $1 AND user_id = $2 AND (last_active_at IS NULL OR last_active_at < now() - interval '${ACTIVITY_RESOLUTION}')`,
      tenantId,
      userId,
    );
    return row;
  });
  if (!m) return null;
  return { actor: { kind: "member", userId, tenantId, label: m.user.email, meta: { ...meta, session: sessionInfo(session) } }, email: m.user.email, name: m.user.name, role: m.role };
}
