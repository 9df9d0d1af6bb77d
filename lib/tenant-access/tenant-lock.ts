import type { Tx } from "@/lib/db/prisma";
import { AppError } from "@/lib/http/errors";
import { authorizeTenant, type TenantAccess, type TenantActor } from "@/lib/tenant-access/tenant-actor";
import type { TenantPermission } from "@/lib/tenant-access/permissions";

/**
 * Locks the tenant's row for the rest of the transaction. Every change to who
 * belongs to a tenant and what they hold (members, seats, invitations, roles)
 * takes it first, so such changes run one after another and always lock rows
 * in the same order: tenant → invitation or role → memberships. FOR NO KEY
 * UPDATE, not FOR UPDATE: rows that merely reference the tenant (an insert
 * into memberships takes KEY SHARE on it) neither wait for it nor upgrade into
 * a deadlock with it. Answers the row's limits.
 */
export async function lockTenant(tx: Tx, tenantId: string): Promise<{ limits: Record<string, unknown> }> {
  const rows = await tx.$queryRaw<{ limits: Record<string, unknown> }[]>`SELECT limits FROM tenants WHERE id = ${tenantId} FOR NO KEY UPDATE`;
  if (!rows[0]) throw new AppError("tenant_not_found", `No tenant ${tenantId}`);
  return rows[0];
}

/**
 * authorizeTenant for changes to membership: refuses early (before waiting
 * for anyone), then takes the tenant lock and, for members and their keys,
 * reads their permissions again, since a change committed while we waited may
 * have suspended or demoted the actor.
 */
export async function authorizeTenantChange(actor: TenantActor, tenantId: string, permission: TenantPermission, tx: Tx): Promise<TenantAccess> {
  const access = await authorizeTenant(actor, tenantId, permission, tx);
  await lockTenant(tx, tenantId);
  return actor.kind === "platform" ? access : authorizeTenant(actor, tenantId, permission, tx);
}
