import { publishEvent } from "@/lib/events/publish-event";
import { withTenantScope } from "@/lib/db/scope";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { invitationIdSchema } from "@/lib/schemas/invitations";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";
import { authorizeTenantChange } from "@/lib/tenant-access/tenant-lock";
import { lockInvitation } from "@/lib/invitations/lock-invitation";
import { serializeInvitation } from "@/lib/invitations/serialize-invitation";

export async function revokeInvitation(actor: TenantActor, tenantId: string, rawId: string) {
  const id = parseOrThrow(invitationIdSchema, rawId);
  return withTenantScope(tenantId, async (tx) => {
    const access = await authorizeTenantChange(actor, tenantId, "members:invite", tx);
    const before = await lockInvitation(tx, tenantId, { id });
    if (before.acceptedAt) throw new AppError("invalid_state", "This invitation was already accepted", { status: "accepted" });
    if (before.revokedAt) return { invitation: serializeInvitation(before) };
    const row = await tx.tenantInvitation.update({ where: { tenantId_id: { tenantId, id } }, data: { revokedAt: new Date() } });
    await publishEvent(tx, access.auditCaller, { tenantId, action: "invitation.revoked", targetType: "invitation", targetId: id, targetLabel: before.email, before: { email: before.email, role: before.role } });
    return { invitation: serializeInvitation(row) };
  });
}
