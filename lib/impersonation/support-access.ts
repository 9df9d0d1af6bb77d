import type { Tx } from "@/lib/db/prisma";
import { AppError } from "@/lib/http/errors";
import { BUILT_IN_ROLES, OWNER_ONLY_PERMISSIONS, isReadPermission, type TenantPermission } from "@/lib/tenant-access/permissions";

export type ImpersonationMode = "read_only" | "full";
export const IMPERSONATION_MODES: readonly ImpersonationMode[] = ["read_only", "full"];

/** What a member actor carries while platform staff act in the portal under a grant. */
export type SupportImpersonation = { grantId: string; staffUserId: string; staffEmail: string; mode: ImpersonationMode; expiresAt: Date; reason: string };

/**
 * A support actor's permissions: "full" is the owner's set minus what only an
 * owner may hold (so support can never approve its own access, manage owners
 * or billing); "read_only" keeps only the reads.
 */
export function supportPermissions(mode: ImpersonationMode): Set<TenantPermission> {
  const owner = BUILT_IN_ROLES.owner.permissions.filter((p) => !OWNER_ONLY_PERMISSIONS.includes(p));
  return new Set(mode === "full" ? owner : owner.filter(isReadPermission));
}

/** What the portal shows in place of a role name for a support actor. */
export const supportRoleName = (mode: ImpersonationMode) => (mode === "full" ? "Atrium support" : "Atrium support (read-only)");

/** The audit trail's name for everything done under a grant. */
export const supportActorLabel = (staffEmail: string, tenantSlug: string, grantId: string) => `staff ${staffEmail} acting for tenant ${tenantSlug} (request ${grantId})`;

/**
 * The grant behind a support actor, read again in the service's own
 * transaction: revoked, expired, another tenant's or another staff member's
 * grant, or a staff account no longer active, and the actor can do nothing.
 */
export async function supportAccess(tx: Tx, imp: SupportImpersonation, tenantId: string, userId: string): Promise<Set<TenantPermission>> {
  const rows = await tx.$queryRawUnsafe<{ mode: ImpersonationMode }[]>(
    `SELECT g.mode FROM impersonation_grants g JOIN users u ON u.id = g.staff_user_id
      WHERE g.id = $1 AND g.tenant_id = $2 AND g.staff_user_id = $3 AND g.status = 'approved' AND g.expires_at > now()
        AND u.status = 'active' AND u.platform_role IS NOT NULL`,
    imp.grantId,
    tenantId,
    userId,
  );
  if (!rows[0]) throw new AppError("tenant_access_denied", "This support access has ended");
  return supportPermissions(rows[0].mode);
}
