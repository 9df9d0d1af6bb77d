import { publishEvent } from "@/lib/events/publish-event";
import { withTenantScope } from "@/lib/db/scope";
import { findDomainOrThrow } from "@/lib/domains/domain-access";
import { authorizeTenant, type TenantActor } from "@/lib/tenant-access/tenant-actor";

/** Stops routing the domain at once (the delete's NOTIFY evicts every instance's cache) and frees it for another tenant. */
export async function removeDomain(actor: TenantActor, tenantId: string, domainId: string) {
  return withTenantScope(tenantId, async (tx) => {
    const access = await authorizeTenant(actor, tenantId, "domains:manage", tx);
    const row = await findDomainOrThrow(tx, tenantId, domainId);
    await tx.tenantDomain.delete({ where: { tenantId_id: { tenantId, id: domainId } } });
    await publishEvent(tx, access.auditCaller, { tenantId, action: "domain.removed", targetType: "domain", targetId: domainId, targetLabel: row.domain, before: { domain: row.domain, status: row.status, primary: row.isPrimary } });
    return { id: row.id, domain: row.domain, removed: true };
  });
}
