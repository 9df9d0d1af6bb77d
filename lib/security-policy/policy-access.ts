import type { RequestMeta } from "@/lib/auth/caller";
import { authorize } from "@/lib/auth/authorize";
import type { Tx } from "@/lib/db/prisma";
import { authorizeTenant, resolveTenantAccess, type TenantAccess, type TenantActor } from "@/lib/tenant-access/tenant-actor";

/**
 * security:manage for reading and changing alike (the policy reveals the
 * allowlist); platform staff read with tenants:read and change with tenants:update.
 */
export async function authorizeSecurityPolicy(actor: TenantActor, tenantId: string, mode: "read" | "change", tx: Tx): Promise<TenantAccess> {
  if (actor.kind === "platform" && mode === "read") {
    authorize(actor.caller, "tenants:read");
    return resolveTenantAccess(tx, actor, tenantId);
  }
  return authorizeTenant(actor, tenantId, "security:manage", tx);
}

export const metaOf = (actor: TenantActor): RequestMeta => (actor.kind === "platform" ? actor.caller.meta : actor.meta);
