import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { withTenantScope } from "@/lib/db/scope";
import { AppError } from "@/lib/http/errors";
import { etagOf, provisioningSummary, serializeTenant, tenantFeatures, tenantLimits, type ProvisioningState } from "@/lib/tenants/serialize-tenant";
import { loadUsage, usageBlock } from "@/lib/tenants/tenant-usage";

export async function getTenant(caller: Caller, tenantId: string) {
  authorize(caller, "tenants:read");
  return withTenantScope(tenantId, async (tx) => {
    const tenant = await tx.tenant.findUnique({ where: { id: tenantId } });
    if (!tenant) throw new AppError("tenant_not_found", `No tenant with id ${tenantId}`);
    const usage = (await loadUsage(tx, [tenant.id])).get(tenant.id)!;
    const limits = tenantLimits(tenant);
    const branding = tenant.branding as Record<string, unknown>;
    return {
      etag: etagOf(tenant),
      body: {
        tenant: serializeTenant(tenant),
        usage: usageBlock(usage, limits),
        limits,
        features: tenantFeatures(tenant),
        settings: tenant.settings,
        branding: { logo_url: null, primary_color: null, secondary_color: null, company_name: tenant.name, ...branding, custom_css_applied: Boolean(branding.custom_css) },
        provisioning: provisioningSummary(tenant.provisioning as unknown as ProvisioningState),
      },
    };
  });
}
