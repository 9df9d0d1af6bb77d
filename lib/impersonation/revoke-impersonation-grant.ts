import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { endAuthSessions } from "@/lib/auth/sessions/end-auth-sessions";
import { withTenantScope } from "@/lib/db/scope";
import { publishEvent } from "@/lib/events/publish-event";
import { grantView } from "@/lib/impersonation/grant-view";
import { lockGrant, notInState } from "@/lib/impersonation/lock-grant";
import type { ImpersonationGrantView } from "@/lib/schemas/impersonation";
import { raiseSecurityAlert } from "@/lib/security-alerts/raise-security-alert";
import { authorizeTenant, type TenantActor } from "@/lib/tenant-access/tenant-actor";

/**
 * Either side ends support access before its expiry: an owner
 * (support_access:manage) or staff with tenants:impersonate; a pending request
 * can be withdrawn the same way. The grant and every session opened under it
 * end in one transaction, so the next request of the support actor is refused.
 * `how` "ended" is the support actor's own "End now" (impersonation.ended).
 */
export async function revokeImpersonationGrant(actor: TenantActor, tenantId: string, grantId: string, how: "revoked" | "ended" = "revoked"): Promise<ImpersonationGrantView> {
  if (actor.kind === "platform") authorize(actor.caller, "tenants:impersonate");
  return withTenantScope(tenantId, async (tx) => {
    let auditCaller: Caller;
    if (actor.kind === "platform") auditCaller = actor.caller;
    else if (actor.kind === "member" && actor.impersonation?.grantId === grantId) auditCaller = (await authorizeTenant(actor, tenantId, "members:read", tx)).auditCaller;
    else auditCaller = (await authorizeTenant(actor, tenantId, "support_access:manage", tx)).auditCaller;
    const g = await lockGrant(tx, tenantId, grantId);
    if (g.status !== "requested" && g.status !== "approved") throw notInState(g, "revoked");
    const now = new Date();
    const row = await tx.impersonationGrant.update({ where: { tenantId_id: { tenantId, id: grantId } }, data: { status: "revoked", revokedAt: now, revokedBy: auditCaller.label, ...(g.status === "requested" ? { decidedAt: now, decidedBy: auditCaller.label } : {}) } });
    const sessionsEnded = await endAuthSessions({ impersonationGrantId: grantId }, "impersonation_ended", tx);
    await publishEvent(tx, auditCaller, {
      tenantId,
      action: how === "ended" ? "impersonation.ended" : "impersonation.revoked",
      targetType: "impersonation_grant",
      targetId: grantId,
      targetLabel: `${g.staffEmail}: ${g.reason}`.slice(0, 500),
      before: { status: g.status },
      after: { request_id: grantId, status: "revoked", revoked_by: auditCaller.label, sessions_ended: sessionsEnded },
    });
    if (g.status === "approved") {
      await raiseSecurityAlert(tx, { tenantId, kind: "impersonation_revoked", caller: auditCaller, detail: { staff: g.staffEmail, request: grantId, ended_by: auditCaller.label, reason: g.reason } });
    }
    return grantView(row);
  });
}
