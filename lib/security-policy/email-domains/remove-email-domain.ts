import { withTenantScope } from "@/lib/db/scope";
import { limitDomainConfiguration } from "@/lib/domains/domain-access";
import { publishEvent } from "@/lib/events/publish-event";
import { findEmailDomainOrThrow } from "@/lib/security-policy/email-domains/email-domain-access";
import { authorizeSecurityPolicy } from "@/lib/security-policy/policy-access";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";

export async function removeEmailDomain(actor: TenantActor, tenantId: string, domain: string) {
  await limitDomainConfiguration(actor, tenantId);
  return withTenantScope(tenantId, async (tx) => {
    const access = await authorizeSecurityPolicy(actor, tenantId, "change", tx);
    const current = await findEmailDomainOrThrow(tx, tenantId, domain);
    await tx.tenantEmailDomain.delete({ where: { tenantId_domain: { tenantId, domain: current.domain } } });
    await publishEvent(tx, access.auditCaller, {
      tenantId,
      action: "security.email_domain_removed",
      targetType: "email_domain",
      targetId: current.domain,
      targetLabel: current.domain,
      before: { domain: current.domain, verified: current.verifiedAt !== null, capture_role: current.captureRole },
    });
    return { removed: true as const, domain: current.domain };
  });
}
