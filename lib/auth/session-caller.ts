import { decode } from "next-auth/jwt";
import type { Caller, RequestMeta } from "@/lib/auth/caller";
import { PLATFORM_ROLE_PERMISSIONS, type PlatformRole } from "@/lib/auth/permissions";
import { appPool } from "@/lib/db/pools";

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

/**
 * The platform staff member behind a session cookie, or null. The session
 * must have been issued on this host, and the account must still be active
 * and still hold a platform role: removing either ends access at the next request.
 */
export async function callerFromSessionCookie(cookieHeader: string | null, host: string, meta: RequestMeta): Promise<Caller | null> {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) return null;
  for (const name of COOKIE_NAMES) {
    const raw = readCookie(cookieHeader, name);
    if (!raw) continue;
    const token = await decode({ token: raw, secret }).catch(() => null);
    if (!token?.sub || token.host !== host.toLowerCase()) return null;
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
  return null;
}
