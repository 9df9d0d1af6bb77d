import { withTenantScope } from "@/lib/db/scope";
import { AppError } from "@/lib/http/errors";
import { brandingView, storedBranding } from "@/lib/branding/branding-document";
import { currentBrandingVersion } from "@/lib/branding/branding-versions";
import { etagOf } from "@/lib/tenants/serialize-tenant";
import { authorizeTenant, type TenantActor } from "@/lib/tenant-access/tenant-actor";

/** Every built-in role holds branding:read (the portal shows the branding to all members); a key or custom role must name it. */
export async function getBranding(actor: TenantActor, tenantId: string) {
  return withTenantScope(tenantId, async (tx) => {
    await authorizeTenant(actor, tenantId, "branding:read", tx);
    const tenant = await tx.tenant.findUnique({ where: { id: tenantId } });
    if (!tenant) throw new AppError("tenant_not_found", `No tenant with id ${tenantId}`);
    return { branding: brandingView(tenant, storedBranding(tenant)), version: await currentBrandingVersion(tx, tenantId), etag: etagOf(tenant) };
  });
}
