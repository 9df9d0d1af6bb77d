import { withTenantScope } from "@/lib/db/scope";
import { authorizeTenant, type TenantActor } from "@/lib/tenant-access/tenant-actor";
import { resendAvailableAt } from "@/lib/invitations/invitation-rate-limits";
import { serializeInvitation } from "@/lib/invitations/serialize-invitation";

/** Open invitations (pending, or expired and not yet revoked), newest first. */
export async function listInvitations(actor: TenantActor, tenantId: string) {
  return withTenantScope(tenantId, async (tx) => {
    await authorizeTenant(actor, tenantId, "members:read", tx);
    const rows = await tx.tenantInvitation.findMany({ where: { tenantId, acceptedAt: null, revokedAt: null }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 500 });
    const waits = await resendAvailableAt(tx, tenantId, rows.map((r) => r.email));
    return { invitations: rows.map((r) => serializeInvitation(r, waits.get(r.email) ?? null)) };
  });
}
