import type { Tx } from "@/lib/db/prisma";
import { enforceUseCaseLimit } from "@/lib/http/api-rate-limit";
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

/**
 * Seed 000's "Domain Configuration: 20 requests per hour", per caller and per
 * tenant: each configure or verify may send DNS queries on the tenant's
 * behalf. The console's and portal's server actions are counted here; an API
 * request was already counted by apiRoute (the route's class), not again.
 * Atrium's own jobs and scripts are not limited.
 */
export async function limitDomainConfiguration(actor: TenantActor, tenantId: string): Promise<void> {
  await enforceUseCaseLimit("domain_configuration", { actor }, tenantId);
}
