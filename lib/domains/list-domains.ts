import { withTenantScope } from "@/lib/db/scope";
import { authorizeDomainsRead } from "@/lib/domains/domain-access";
import { serializeDomain } from "@/lib/domains/serialize-domain";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";

/** The primary first, then by name. */
export async function listDomains(actor: TenantActor, tenantId: string) {
  return withTenantScope(tenantId, async (tx) => {
    await authorizeDomainsRead(actor, tenantId, tx);
    const rows = await tx.tenantDomain.findMany({ where: { tenantId }, orderBy: [{ isPrimary: "desc" }, { domain: "asc" }] });
    return { domains: rows.map((r) => serializeDomain(r)) };
  });
}
