import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { withTenantScope } from "@/lib/db/scope";
import { authorizeTenant, type TenantActor } from "@/lib/tenant-access/tenant-actor";

export type DataPermission = "data:read" | "data:write";

/**
 * May this actor read (or write) the tenant's own database? Platform staff and
 * keys need the platform permission of the same name (admin, operator for
 * reads); members and tenant keys need the tenant permission. Returns who the
 * audit trail should name.
 */
export async function authorizeTenantData(actor: TenantActor, tenantId: string, permission: DataPermission): Promise<Caller> {
  if (actor.kind === "platform") {
    authorize(actor.caller, permission);
    return actor.caller;
  }
  return (await withTenantScope(tenantId, (tx) => authorizeTenant(actor, tenantId, permission, tx))).auditCaller;
}
