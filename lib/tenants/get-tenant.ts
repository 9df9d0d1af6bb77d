import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { readInTenantScope } from "@/lib/db/read-scope";
import { latestExportUrl } from "@/lib/exports/get-export";
import { AppError } from "@/lib/http/errors";
import { etagOf, provisioningSummary, serializeTenant, tenantFeatures, tenantLimits, type ProvisioningState } from "@/lib/tenants/serialize-tenant";
import { SELECT_TENANT, tenantFromRow } from "@/lib/tenants/tenant-row";
import { loadUsage, usageBlock, type UsageSnapshot } from "@/lib/tenants/tenant-usage";
import type { Tenant } from "@/lib/generated/prisma/client";

/**
 * The API's most frequent read, so it runs its SQL directly rather than through Prisma, in one
 * tenant-scoped read transaction whose statements (the row, its usage, the latest export) and COMMIT
 * go out together (lib/db/read-scope.ts): they depend only on the id, so the read is one round trip.
 */
export async function getTenant(caller: Caller, tenantId: string) {
  authorize(caller, "tenants:read");
  return readInTenantScope(tenantId, async (q, finish) => {
    const reads = Promise.all([q(`${SELECT_TENANT} WHERE id = $1`, [tenantId]), loadUsage(q, [tenantId], new Date(), { pipelined: true }), latestExportUrl(q, caller, tenantId)]);
    finish();
    const [rows, usage, exportUrl] = await reads;
    if (!rows[0]) throw new AppError("tenant_not_found", `No tenant with id ${tenantId}`);
    const detail = tenantDetail(tenantFromRow(rows[0]), usage.get(tenantId)!);
    detail.body.data_export_url = exportUrl;
    return detail;
  });
}

/** Seed 000's GET /tenants/{id} answer for a tenant and its usage (the bench floor shapes its answer with it too). */
export function tenantDetail(tenant: Tenant, usage: UsageSnapshot) {
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
      /** The latest finished export's signed link (lib/exports), freshly signed; null when none or the caller may not download. */
      data_export_url: null as string | null,
    },
  };
}
