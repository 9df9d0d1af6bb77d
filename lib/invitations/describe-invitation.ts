import { db } from "@/lib/db/prisma";
import { withTenantScope } from "@/lib/db/scope";
import { hashInvitationToken } from "@/lib/invitations/invitation-token";
import { invitationStatus } from "@/lib/invitations/serialize-invitation";
import { roleName } from "@/lib/tenant-access/role-permissions";

export type InvitationSummary = { email: string; role_name: string; status: ReturnType<typeof invitationStatus>; expires_at: string; account_exists: boolean };

/**
 * What the accept page shows before anyone types: to whom the invitation was
 * sent and whether that address already has an account (then the invitee
 * signs in with it instead of creating one). Null for a token that is not an
 * invitation of `tenantId`. Whoever holds the link may learn this much.
 */
export async function describeInvitation(token: string, tenantId: string): Promise<InvitationSummary | null> {
  if (token.length < 16 || token.length > 256) return null;
  const tokenHash = hashInvitationToken(token);
  const found = await db().$queryRaw<{ tenant_id: string | null }[]>`SELECT atrium_invitation_tenant(${tokenHash}) AS tenant_id`;
  if (found[0]?.tenant_id !== tenantId) return null;
  return withTenantScope(tenantId, async (tx) => {
    const inv = await tx.tenantInvitation.findFirst({ where: { tenantId, tokenHash } });
    if (!inv) return null;
    const account = await tx.user.findUnique({ where: { email: inv.email }, select: { id: true } });
    return { email: inv.email, role_name: await roleName(tx, tenantId, inv.role), status: invitationStatus(inv), expires_at: inv.expiresAt.toISOString(), account_exists: account !== null };
  });
}
