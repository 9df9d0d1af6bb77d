import { withTenantScope } from "@/lib/db/scope";
import { AppError } from "@/lib/http/errors";
import { brandingView, storedBranding } from "@/lib/branding/branding-document";
import { currentBrandingVersion } from "@/lib/branding/branding-versions";
import { etagOf } from "@/lib/tenants/serialize-tenant";
import { resolveTenantAccess, type TenantActor } from "@/lib/tenant-access/tenant-actor";

/** Branding is public (every portal page shows it), so anyone with access to the tenant may read it. */
export async function getBranding(actor: TenantActor, tenantId: string) {
  return withTenantScope(tenantId, async (tx) => {
    await resolveTenantAccess(tx, actor, tenantId);
    const tenant = await tx.tenant.findUnique({ where: { id: tenantId } });
    if (!tenant) throw new AppError("tenant_not_found", `No tenant with id ${tenantId}`);
    return { branding: brandingView(tenant, storedBranding(tenant)), version: await currentBrandingVersion(tx, tenantId), etag: etagOf(tenant) };
  });
}
