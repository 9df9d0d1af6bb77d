import type { Tx } from "@/lib/db/prisma";
import { AppError } from "@/lib/http/errors";
import { authorizeTenant, resolveTenantAccess, type TenantActor } from "@/lib/tenant-access/tenant-actor";

/**
 * Reading a tenant's domains: platform staff need tenants:read (like any tenant
 * read); members and tenant keys need domains:manage, as there is no separate
 * read permission for domains (their tokens are only useful to whoever manages DNS).
 */
export async function authorizeDomainsRead(actor: TenantActor, tenantId: string, tx: Tx) {
  if (actor.kind === "platform") {
    if (!actor.caller.permissions.has("tenants:read")) throw new AppError("admin_privileges_required", "This action needs the tenants:read permission", { permission: "tenants:read" });
    return resolveTenantAccess(tx, actor, tenantId);
  }
  return authorizeTenant(actor, tenantId, "domains:manage", tx);
}

export async function findDomainOrThrow(tx: Tx, tenantId: string, domainId: string) {
  const row = await tx.tenantDomain.findUnique({ where: { tenantId_id: { tenantId, id: domainId } } });
  if (!row) throw new AppError("not_found", `No domain with id ${domainId} in this tenant`);
  return row;
}
