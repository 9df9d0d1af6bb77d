import { withTenantScope } from "@/lib/db/scope";
import { publishEvent } from "@/lib/events/publish-event";
import { AppError } from "@/lib/http/errors";
import { grantView } from "@/lib/impersonation/grant-view";
import { lockGrant, notInState } from "@/lib/impersonation/lock-grant";
import type { ImpersonationGrantView } from "@/lib/schemas/impersonation";
import { authorizeTenant, type TenantActor } from "@/lib/tenant-access/tenant-actor";

export type ImpersonationDecision = "approve" | "deny";

/**
 * An owner (support_access:manage, owner-only) approves or denies a pending
 * request. Staff never decide their own: a platform caller is refused. The
 * grant's clock starts at approval.
 */
export async function decideImpersonationRequest(actor: TenantActor, tenantId: string, grantId: string, decision: ImpersonationDecision): Promise<ImpersonationGrantView> {
  if (actor.kind === "platform") throw new AppError("tenant_access_denied", "Only the tenant's owners approve or deny support access", { permission: "support_access:manage" });
  return withTenantScope(tenantId, async (tx) => {
    const access = await authorizeTenant(actor, tenantId, "support_access:manage", tx);
    const g = await lockGrant(tx, tenantId, grantId);
    if (g.status !== "requested") throw notInState(g, decision === "approve" ? "approved" : "denied");
    const now = new Date();
    const by = access.auditCaller.label;
    const row = await tx.impersonationGrant.update({
      where: { tenantId_id: { tenantId, id: grantId } },
      data:
        decision === "approve"
          ? { status: "approved", decidedAt: now, decidedBy: by, startsAt: now, expiresAt: new Date(now.getTime() + g.durationMinutes * 60_000) }
          : { status: "denied", decidedAt: now, decidedBy: by },
    });
    await publishEvent(tx, access.auditCaller, {
      tenantId,
      action: decision === "approve" ? "impersonation.approved" : "impersonation.denied",
      targetType: "impersonation_grant",
      targetId: grantId,
      targetLabel: `${g.staffEmail}: ${g.reason}`.slice(0, 500),
      before: { status: "requested" },
      after: { request_id: grantId, status: row.status, decided_by: by, ...(row.expiresAt ? { expires_at: row.expiresAt.toISOString() } : {}) },
    });
    return grantView(row);
  });
}
