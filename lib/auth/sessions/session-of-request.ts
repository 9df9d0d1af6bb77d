import { NO_META, type RequestMeta } from "@/lib/auth/caller";
import { callerFromSessionCookie, memberFromSessionCookie } from "@/lib/auth/session-caller";
import type { SessionInfo, SessionKind } from "@/lib/auth/sessions/types";
import type { SignInSite } from "@/lib/auth/sign-in/sign-in-route";

export type SignedInAccount = { userId: string; email: string; kind: SessionKind; tenantId: string | null; session: SessionInfo; meta: RequestMeta };

/**
 * The fully signed-in account behind the cookie on this site — staff on the
 * console, an active member on a tenant's host — with its session, or null.
 * The same checks as every page and route (lib/auth/session-caller.ts).
 */
export async function signedInAccount(cookieHeader: string | null, site: SignInSite, meta: RequestMeta = NO_META): Promise<SignedInAccount | null> {
  if (site.kind === "console") {
    const caller = await callerFromSessionCookie(cookieHeader, site.host, meta);
    if (caller?.kind !== "user" || !caller.meta.session) return null;
    return { userId: caller.id, email: caller.label, kind: "staff", tenantId: null, session: caller.meta.session, meta: caller.meta };
  }
  const member = await memberFromSessionCookie(cookieHeader, site.host, site.tenantId, meta);
  if (!member?.actor.meta.session) return null;
  return { userId: member.actor.userId, email: member.email, kind: "member", tenantId: site.tenantId, session: member.actor.meta.session, meta: member.actor.meta };
}
