import { publishEvent } from "@/lib/events/publish-event";
import { withTenantScope } from "@/lib/db/scope";
import { findDomainOrThrow } from "@/lib/domains/domain-access";
import { serializeDomain } from "@/lib/domains/serialize-domain";
import { authorizeTenant, type TenantActor } from "@/lib/tenant-access/tenant-actor";

/**
 * Makes one domain the tenant's primary. A pending one may be chosen ahead of
 * time; redirects go to the primary only once it is verified.
 */
export async function setPrimaryDomain(actor: TenantActor, tenantId: string, domainId: string) {
  return withTenantScope(tenantId, async (tx) => {
    const access = await authorizeTenant(actor, tenantId, "domains:manage", tx);
    const target = await findDomainOrThrow(tx, tenantId, domainId);
    const previous = await tx.tenantDomain.findFirst({ where: { tenantId, isPrimary: true } });
    if (previous?.id !== target.id) {
      await tx.tenantDomain.updateMany({ where: { tenantId, isPrimary: true }, data: { isPrimary: false } });
      await tx.tenantDomain.update({ where: { tenantId_id: { tenantId, id: domainId } }, data: { isPrimary: true } });
      await publishEvent(tx, access.auditCaller, { tenantId, action: "domain.primary_set", targetType: "domain", targetId: domainId, targetLabel: target.domain, before: { primary_domain: previous?.domain ?? null }, after: { primary_domain: target.domain } });
    }
    return { domain: serializeDomain({ ...target, isPrimary: true }) };
  });
}
