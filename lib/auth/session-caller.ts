import { decode, type JWT } from "next-auth/jwt";
import type { Caller, RequestMeta } from "@/lib/auth/caller";
import { PLATFORM_ROLE_PERMISSIONS, type PlatformRole } from "@/lib/auth/permissions";
import { appPool } from "@/lib/db/pools";
import { withTenantScope } from "@/lib/db/scope";
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

/**
 * The platform staff member behind a session cookie, or null. The session
 * must have been issued on this host, and the account must still be active
 * and still hold a platform role: removing either ends access at the next request.
 */
export async function callerFromSessionCookie(cookieHeader: string | null, host: string, meta: RequestMeta): Promise<Caller | null> {
  const token = await sessionToken(cookieHeader, host);
  if (!token || token.kind === "member") return null;
  const { rows } = await appPool().query<{ id: string; email: string; name: string; platform_role: PlatformRole | null; status: string }>(
    "SELECT id, email, name, platform_role, status FROM users WHERE id = $1",
    [token.sub],
  );
  const user = rows[0];
  if (!user || user.status !== "active" || !user.platform_role) return null;
  return {
    kind: "user",
    id: user.id,
    label: user.email,
    platformRole: user.platform_role,
    permissions: new Set(PLATFORM_ROLE_PERMISSIONS[user.platform_role]),
    meta,
  };
}

/**
 * The account behind a member session cookie issued on `host` for `tenantId`,
 * whatever has since happened to its membership: whoever holds the session is
 * at the keyboard, and accepting an invitation must not act for anyone else.
 */
export async function accountFromMemberSession(cookieHeader: string | null, host: string, tenantId: string): Promise<{ id: string; email: string } | null> {
  const token = await sessionToken(cookieHeader, host);
  if (!token || token.kind !== "member" || token.tenantId !== tenantId) return null;
  const { rows } = await appPool().query<{ id: string; email: string }>("SELECT id, email FROM users WHERE id = $1", [token.sub]);
  return rows[0] ?? null;
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
  const token = await sessionToken(cookieHeader, host);
  if (!token || token.kind !== "member" || token.tenantId !== tenantId) return null;
  const userId = token.sub!;
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
  return { actor: { kind: "member", userId, tenantId, label: m.user.email, meta }, email: m.user.email, name: m.user.name, role: m.role };
}
