import type { Tx } from "@/lib/db/prisma";
import { AppError } from "@/lib/http/errors";
import { requireHolds, type TenantAccess } from "@/lib/tenant-access/tenant-actor";
import { rolePermissions } from "@/lib/tenant-access/role-permissions";
import { lockTenant } from "@/lib/tenant-access/tenant-lock";

/** Nobody acts on a member who holds permissions they lack (so only owners touch owners). */
export async function requireOutranks(tx: Tx, access: TenantAccess, targetRole: string): Promise<void> {
  requireHolds(access, await rolePermissions(tx, access.tenantId, targetRole), "change a member whose role you could not grant");
}

/**
 * Locks the tenant row, then the target member's row and every active
 * owner's row in ONE statement, in user_id order. Taking them in two
 * statements let the owner set seen by one transaction differ from
 * another's, so their lock orders crossed and PostgreSQL killed one (40P01).
 * Under the tenant lock the statement also sees every change committed before.
 * `owners` is for keepAnOwner.
 */
export async function lockOwnersAndMember(tx: Tx, tenantId: string, userId: string): Promise<{ owners: string[]; member: { role: string; status: string } }> {
  await lockTenant(tx, tenantId);
  const rows = await tx.$queryRaw<{ user_id: string; role: string; status: string }[]>`
    SELECT user_id, role, status FROM memberships
    WHERE tenant_id = ${tenantId} AND ((role = 'owner' AND status = 'active') OR user_id = ${userId})
    ORDER BY user_id FOR UPDATE`;
  const member = rows.find((r) => r.user_id === userId);
  if (!member) throw new AppError("not_found", `No member ${userId} in this tenant`);
  return { owners: rows.filter((r) => r.role === "owner" && r.status === "active").map((r) => r.user_id), member: { role: member.role, status: member.status } };
}

/** Refuses when `leaving` is the last active owner (`owners` from lockOwnersAndMember). */
export function keepAnOwner(owners: string[], leaving: string): void {
  if (owners.includes(leaving) && owners.length <= 1) {
    throw new AppError("invalid_state", "A tenant must keep at least one active owner; make someone else owner first");
  }
}
