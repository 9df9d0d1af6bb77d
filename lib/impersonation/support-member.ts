import type { RequestMeta } from "@/lib/auth/caller";
import { endAuthSessions } from "@/lib/auth/sessions/end-auth-sessions";
import type { LiveSession } from "@/lib/auth/sessions/live-session";
import { sessionInfo } from "@/lib/auth/sessions/live-session";
import type { PortalMember } from "@/lib/auth/session-caller";
import { withTenantScope } from "@/lib/db/scope";
import { isLive } from "@/lib/impersonation/lock-grant";
import { supportActorLabel, type ImpersonationMode } from "@/lib/impersonation/support-access";

/** What the portal calls a support actor in place of a role. */
export const SUPPORT_ROLE = "support";

/**
 * The portal "member" behind a support session: the staff account acting
 * under its grant. A grant no longer live (revoked, expired, not this staff
 * member's, account suspended or without its platform role) ends the session
 * there and then, so a support session never outlives its grant, sweep or not.
 */
export async function supportMemberFromSession(session: LiveSession, tenantId: string, meta: RequestMeta): Promise<PortalMember | null> {
  const grantId = session.impersonationGrantId;
  if (!grantId) return null;
  const found = await withTenantScope(tenantId, async (tx) => {
    const [g, tenant] = await Promise.all([
      tx.impersonationGrant.findFirst({ where: { id: grantId, tenantId, staffUserId: session.userId } }),
      tx.tenant.findUnique({ where: { id: tenantId }, select: { slug: true } }),
    ]);
    return g && tenant && isLive(g) ? { g, slug: tenant.slug } : null;
  });
  if (!found || session.user.status !== "active" || !session.user.platformRole) {
    await endAuthSessions({ sessionIds: [session.id] }, "impersonation_ended");
    return null;
  }
  const { g, slug } = found;
  return {
    actor: {
      kind: "member",
      userId: session.userId,
      tenantId,
      label: supportActorLabel(session.user.email, slug, g.id),
      meta: { ...meta, session: sessionInfo(session) },
      impersonation: { grantId: g.id, staffUserId: session.userId, staffEmail: session.user.email, mode: g.mode as ImpersonationMode, expiresAt: g.expiresAt!, reason: g.reason },
    },
    email: session.user.email,
    name: session.user.name,
    role: SUPPORT_ROLE,
  };
}
