import { withTenantScope } from "@/lib/db/scope";
import { authorizeSecurityPolicy } from "@/lib/security-policy/policy-access";
import { serializeEmailDomain } from "@/lib/security-policy/email-domains/serialize-email-domain";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";

export async function listEmailDomains(actor: TenantActor, tenantId: string) {
  return withTenantScope(tenantId, async (tx) => {
    await authorizeSecurityPolicy(actor, tenantId, "read", tx);
    const rows = await tx.tenantEmailDomain.findMany({ where: { tenantId }, orderBy: { domain: "asc" } });
    return { email_domains: rows.map(serializeEmailDomain) };
  });
}
