import { withTenantScope } from "@/lib/db/scope";

/** The tenant's email domains proven by TXT record, with the role sign-ups from them join as (null = no capture). */
export async function verifiedEmailDomains(tenantId: string): Promise<{ domain: string; capture_role: string | null }[]> {
  const rows = await withTenantScope(tenantId, (tx) =>
    tx.tenantEmailDomain.findMany({ where: { tenantId, verifiedAt: { not: null } }, select: { domain: true, captureRole: true }, orderBy: { domain: "asc" } }),
  );
  return rows.map((r) => ({ domain: r.domain, capture_role: r.captureRole }));
}
