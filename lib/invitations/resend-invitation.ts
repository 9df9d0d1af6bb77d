import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { withTenantScope } from "@/lib/db/scope";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { invitationIdSchema, resendInvitationSchema } from "@/lib/schemas/invitations";
import { authorizeTenant, requireHolds, type TenantActor } from "@/lib/tenant-access/tenant-actor";
import { rolePermissions } from "@/lib/tenant-access/role-permissions";
import { claimSeats } from "@/lib/invitations/seats";
import { lockInvitation } from "@/lib/invitations/lock-invitation";
import { DAY_MS, hashInvitationToken, newInvitationToken } from "@/lib/invitations/invitation-token";
import { invitationStatus, serializeInvitation } from "@/lib/invitations/serialize-invitation";
import { enqueueInvitationEmails } from "@/lib/invitations/enqueue-invitation-emails";
import { deliverMailNow } from "@/lib/mail/deliver-pending-mail";

/** A new token and a fresh expiry, mailed again; replacing the digest is what kills the old token (and the old mail's link). */
export async function resendInvitation(actor: TenantActor, tenantId: string, rawId: string, input: unknown = {}) {
  const id = parseOrThrow(invitationIdSchema, rawId);
  const { expires_in_days: days } = parseOrThrow(resendInvitationSchema, input);
  const { result, mailIds } = await withTenantScope(tenantId, async (tx) => {
    const access = await authorizeTenant(actor, tenantId, "members:invite", tx);
    const before = await lockInvitation(tx, tenantId, { id });
    const status = invitationStatus(before);
    if (status === "accepted" || status === "revoked") throw new AppError("invalid_state", `This invitation was ${status}`, { status });
    requireHolds(access, await rolePermissions(tx, tenantId, before.role), "resend an invitation with this role");
    // An expired invitation holds no seat; reviving it takes one.
    await claimSeats(tx, tenantId, status === "expired" ? 1 : 0);
    const token = newInvitationToken();
    const row = await tx.tenantInvitation.update({
      where: { tenantId_id: { tenantId, id } },
      data: { tokenHash: hashInvitationToken(token), expiresAt: new Date(Date.now() + days * DAY_MS) },
    });
    await recordAuditEvent(tx, access.auditCaller, { tenantId, action: "invitation.resent", targetType: "invitation", targetId: id, before: { expires_at: before.expiresAt.toISOString() }, after: { expires_at: row.expiresAt.toISOString() } });
    const mailIds = await enqueueInvitationEmails(tx, tenantId, access.auditCaller, [{ email: row.email, role: row.role, expiresAt: row.expiresAt, token }]);
    return { result: { invitation: serializeInvitation(row), token }, mailIds };
  });
  await deliverMailNow(mailIds);
  return result;
}
