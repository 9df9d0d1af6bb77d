import { authorize } from "@/lib/auth/authorize";
import type { Tx } from "@/lib/db/prisma";
import { authorizeTenant, resolveTenantAccess, type TenantAccess, type TenantActor } from "@/lib/tenant-access/tenant-actor";

/**
 * Billing's own yes/no. Members and tenant keys need the tenant's
 * billing:manage for reading and changing alike (a viewer does not see the
 * bill); platform staff read with tenants:read and change with the platform's
 * billing:manage, which only admins hold.
 */
export async function authorizeBilling(actor: TenantActor, tenantId: string, mode: "read" | "change", tx: Tx): Promise<TenantAccess> {
  if (actor.kind !== "platform") return authorizeTenant(actor, tenantId, "billing:manage", tx);
  authorize(actor.caller, mode === "read" ? "tenants:read" : "billing:manage");
  return resolveTenantAccess(tx, actor, tenantId);
}
