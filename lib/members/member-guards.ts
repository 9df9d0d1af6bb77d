import type { Tx } from "@/lib/db/prisma";
import { AppError } from "@/lib/http/errors";
import { requireHolds, type TenantAccess } from "@/lib/tenant-access/tenant-actor";
import { rolePermissions } from "@/lib/tenant-access/role-permissions";

/** The member's row, locked for the rest of the transaction. */
export async function lockMember(tx: Tx, tenantId: string, userId: string) {
  const rows = await tx.$queryRaw<{ role: string; status: string }[]>`
    SELECT role, status FROM memberships WHERE tenant_id = ${tenantId} AND user_id = ${userId} FOR UPDATE`;
  if (!rows[0]) throw new AppError("not_found", `No member ${userId} in this tenant`);
  return rows[0];
}

/** Nobody acts on a member who holds permissions they lack (so only owners touch owners). */
export async function requireOutranks(tx: Tx, access: TenantAccess, targetRole: string): Promise<void> {
  requireHolds(access, await rolePermissions(tx, access.tenantId, targetRole), "change a member whose role you could not grant");
}

/**
 * Locks every active owner's row. Call it before locking the target member,
 * always in this order, so concurrent demotions queue instead of deadlocking:
 * the second waits, then re-reads the rows and sees one owner left.
 */
export async function lockOwners(tx: Tx, tenantId: string): Promise<string[]> {
  const owners = await tx.$queryRaw<{ user_id: string }[]>`
    SELECT user_id FROM memberships WHERE tenant_id = ${tenantId} AND role = 'owner' AND status = 'active' ORDER BY user_id FOR UPDATE`;
  return owners.map((o) => o.user_id);
}

/** Refuses when `leaving` is the last active owner (`owners` from lockOwners). */
export function keepAnOwner(owners: string[], leaving: string): void {
  if (owners.includes(leaving) && owners.length <= 1) {
    throw new AppError("invalid_state", "A tenant must keep at least one active owner; make someone else owner first");
  }
}
