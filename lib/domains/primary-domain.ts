import type { Tx } from "@/lib/db/prisma";
import { customDomainHost } from "@/lib/tenancy/resolve-host";

/**
 * The tenant's verified primary domain as a host for tenantBaseUrl's
 * `primaryDomain` (with the console's port in development), or null. Read in
 * the caller's tenant-scoped transaction.
 */
export async function primaryDomainHost(tx: Tx, tenantId: string): Promise<string | null> {
  const row = await tx.tenantDomain.findFirst({ where: { tenantId, isPrimary: true, status: "verified" }, select: { domain: true } });
  return row ? customDomainHost(row.domain) : null;
}
