import { systemCaller } from "@/lib/auth/caller";
import { endAuthSessions } from "@/lib/auth/sessions/end-auth-sessions";
import { withPlatformScope, withTenantScope } from "@/lib/db/scope";
import { publishEvent } from "@/lib/events/publish-event";

/**
 * The sweep (pg-boss, every minute): approved grants past their expiry become
 * expired, and their sessions end. Each grant in its own transaction on its
 * tenant's chain; the status test in the UPDATE makes a grant revoked
 * meanwhile (or expired by another instance) a no-op. Support actors are
 * refused from the expiry itself (the grant is re-read on every request); the
 * sweep tidies the records and the audit trail.
 */
export async function expireImpersonationGrants(): Promise<{ expired: number }> {
  const due = await withPlatformScope((tx) =>
    tx.impersonationGrant.findMany({ where: { status: "approved", expiresAt: { lte: new Date() } }, select: { id: true, tenantId: true }, take: 500 }),
  );
  let expired = 0;
  const caller = systemCaller("impersonation expiry");
  for (const { id, tenantId } of due) {
    const done = await withTenantScope(tenantId, async (tx) => {
      const rows = await tx.$queryRawUnsafe<{ staff_email: string; reason: string; expires_at: Date }[]>(
        "UPDATE impersonation_grants SET status = 'expired' WHERE id = $1 AND status = 'approved' AND expires_at <= now() RETURNING staff_email, reason, expires_at",
        id,
      );
      if (!rows[0]) return false;
      const sessionsEnded = await endAuthSessions({ impersonationGrantId: id }, "impersonation_ended", tx);
      await publishEvent(tx, caller, {
        tenantId,
        action: "impersonation.expired",
        targetType: "impersonation_grant",
        targetId: id,
        targetLabel: `${rows[0].staff_email}: ${rows[0].reason}`.slice(0, 500),
        before: { status: "approved" },
        after: { request_id: id, status: "expired", expires_at: rows[0].expires_at.toISOString(), sessions_ended: sessionsEnded },
      });
      return true;
    });
    if (done) expired++;
  }
  return { expired };
}
