import type { Tx } from "@/lib/db/prisma";
import { BUILT_IN_ROLES, isBuiltInRole, isTenantPermission, type TenantPermission } from "@/lib/tenant-access/permissions";

/** A built-in role key or a custom role id → its permissions; an unknown role grants nothing. */
export async function rolePermissions(tx: Tx, tenantId: string, role: string): Promise<Set<TenantPermission>> {
  if (isBuiltInRole(role)) return new Set(BUILT_IN_ROLES[role].permissions);
  const custom = await tx.tenantRole.findFirst({ where: { tenantId, id: role }, select: { permissions: true } });
  return new Set((custom?.permissions ?? []).filter(isTenantPermission));
}

/** Whether `role` is a built-in key or a custom role of this tenant. */
export async function roleExists(tx: Tx, tenantId: string, role: string): Promise<boolean> {
  if (isBuiltInRole(role)) return true;
  return (await tx.tenantRole.count({ where: { tenantId, id: role } })) > 0;
}

export async function roleName(tx: Tx, tenantId: string, role: string): Promise<string> {
  if (isBuiltInRole(role)) return BUILT_IN_ROLES[role].name;
  return (await tx.tenantRole.findFirst({ where: { tenantId, id: role }, select: { name: true } }))?.name ?? role;
}
