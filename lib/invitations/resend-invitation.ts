import { publishEvent } from "@/lib/events/publish-event";
import { withTenantScope } from "@/lib/db/scope";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { invitationIdSchema, resendInvitationSchema } from "@/lib/schemas/invitations";
import { requireHolds, type TenantActor } from "@/lib/tenant-access/tenant-actor";
import { authorizeTenantChange } from "@/lib/tenant-access/tenant-lock";
import { rolePermissions } from "@/lib/tenant-access/role-permissions";
import { claimSeats } from "@/lib/invitations/seats";
import { lockInvitation } from "@/lib/invitations/lock-invitation";
import { DAY_MS, hashInvitationToken, newInvitationToken } from "@/lib/invitations/invitation-token";
import { invitationStatus, serializeInvitation } from "@/lib/invitations/serialize-invitation";
import { enqueueInvitationEmails } from "@/lib/invitations/enqueue-invitation-emails";
import { resendAvailableAt, takeInvitationResend } from "@/lib/invitations/invitation-rate-limits";
import { deliverMailNow } from "@/lib/mail/deliver-pending-mail";

/**
 * A new token and a fresh expiry, mailed again; replacing the digest is what kills the old token (and the old mail's link).
 * At most one resend per invitee per few minutes, counted with the tenant's invitation emails (429 otherwise, nothing changed).
 */
export async function resendInvitation(actor: TenantActor, tenantId: string, rawId: string, input: unknown = {}) {
  const id = parseOrThrow(invitationIdSchema, rawId);
  const { expires_in_days: days } = parseOrThrow(resendInvitationSchema, input);
  const { result, mailIds } = await withTenantScope(tenantId, async (tx) => {
    const access = await authorizeTenantChange(actor, tenantId, "members:invite", tx);
    const before = await lockInvitation(tx, tenantId, { id });
    const status = invitationStatus(before);
    if (status === "accepted" || status === "revoked") throw new AppError("invalid_state", `This invitation was ${status}`, { status });
    requireHolds(access, await rolePermissions(tx, tenantId, before.role), "resend an invitation with this role");
    // An expired invitation holds no seat; reviving it takes one.
    await claimSeats(tx, tenantId, status === "expired" ? 1 : 0);
    // Under the tenant lock, so concurrent resends queue instead of racing; refused, the transaction changes nothing.
    await takeInvitationResend(tx, actor, tenantId, before.email);
    const token = newInvitationToken();
    const row = await tx.tenantInvitation.update({
      where: { tenantId_id: { tenantId, id } },
      data: { tokenHash: hashInvitationToken(token), expiresAt: new Date(Date.now() + days * DAY_MS) },
    });
    await publishEvent(tx, access.auditCaller, { tenantId, action: "invitation.resent", targetType: "invitation", targetId: id, targetLabel: row.email, before: { expires_at: before.expiresAt.toISOString() }, after: { expires_at: row.expiresAt.toISOString() } });
    const mailIds = await enqueueInvitationEmails(tx, tenantId, access.auditCaller, [{ email: row.email, role: row.role, expiresAt: row.expiresAt, token }]);
    const waits = await resendAvailableAt(tx, tenantId, [row.email]);
    return { result: { invitation: serializeInvitation(row, waits.get(row.email) ?? null), token }, mailIds };
  });
  await deliverMailNow(mailIds);
  return result;
}
