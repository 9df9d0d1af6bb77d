import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { withTenantScope } from "@/lib/db/scope";
import { publishEvent } from "@/lib/events/publish-event";
import { parseOrThrow, AppError } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import { grantView } from "@/lib/impersonation/grant-view";
import { impersonationDecisionFor } from "@/lib/impersonation/impersonation-policy";
import { mailOwnersAboutRequest } from "@/lib/impersonation/notify-owners";
import { impersonationRequestSchema, type ImpersonationGrantView } from "@/lib/schemas/impersonation";
import { raiseSecurityAlert } from "@/lib/security-alerts/raise-security-alert";

/**
 * Staff ask for support access to a tenant's portal. The tenant's policy may
 * forbid it (403 impersonation_forbidden) or pre-approve it for the tenant's
 * plan (approved at once, the clock starting now); otherwise the owners are
 * mailed and see the request in the portal until they decide.
 */
export async function requestImpersonation(caller: Caller, tenantId: string, body: unknown): Promise<ImpersonationGrantView> {
  authorize(caller, "tenants:impersonate");
  if (caller.kind !== "user") throw new AppError("admin_privileges_required", "Only a signed-in staff member can ask for support access (it is they who enter the portal)", { permission: "tenants:impersonate" });
  const input = parseOrThrow(impersonationRequestSchema, body);
  return withTenantScope(tenantId, async (tx) => {
    const tenant = await tx.tenant.findUnique({ where: { id: tenantId }, select: { status: true, name: true } });
    if (!tenant) throw new AppError("tenant_not_found", `No tenant with id ${tenantId}`);
    if (tenant.status !== "active") throw new AppError("invalid_state", `The tenant is ${tenant.status}: its portal is closed`);
    const decision = await impersonationDecisionFor(tx, tenantId);
    const now = new Date();
    const preapproved = decision === "preapproved";
    const grant = await tx.impersonationGrant.create({
      data: {
        id: newId("imp"),
        tenantId,
        staffUserId: caller.id,
        staffEmail: caller.label,
        reason: input.reason,
        mode: input.mode,
        durationMinutes: input.duration_minutes,
        status: preapproved ? "approved" : "requested",
        requestedAt: now,
        ...(preapproved ? { decidedAt: now, decidedBy: "policy", startsAt: now, expiresAt: new Date(now.getTime() + input.duration_minutes * 60_000) } : {}),
      },
    });
    const view = grantView(grant);
    const event = { tenantId, targetType: "impersonation_grant", targetId: grant.id, targetLabel: `${grant.staffEmail}: ${grant.reason}`.slice(0, 500) };
    await publishEvent(tx, caller, { ...event, action: "impersonation.requested", after: { request_id: grant.id, staff_email: grant.staffEmail, reason: grant.reason, duration_minutes: grant.durationMinutes, mode: grant.mode, status: "requested" } });
    if (preapproved) await publishEvent(tx, caller, { ...event, action: "impersonation.approved", before: { status: "requested" }, after: { request_id: grant.id, status: "approved", decided_by: "policy", expires_at: view.expires_at } });
    else await mailOwnersAboutRequest(tx, grant);
    await raiseSecurityAlert(tx, { tenantId, kind: "impersonation_requested", caller, detail: { staff: grant.staffEmail, reason: grant.reason, mode: grant.mode, duration_minutes: grant.durationMinutes, request: grant.id, status: grant.status } });
    return view;
  });
}
