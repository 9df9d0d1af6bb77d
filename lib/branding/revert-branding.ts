import { withTenantScope } from "@/lib/db/scope";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { brandingVersionParamSchema } from "@/lib/schemas/branding";
import { brandingView, sameBranding, storedBranding, type StoredBranding } from "@/lib/branding/branding-document";
import { currentBrandingVersion } from "@/lib/branding/branding-versions";
import { lockTenantForBranding, saveBranding } from "@/lib/branding/update-branding";
import { etagOf } from "@/lib/tenants/serialize-tenant";
import { authorizeTenant, type TenantActor } from "@/lib/tenant-access/tenant-actor";

/**
 * Makes an earlier version current again by saving it as a new version (history
 * only grows). The stored snapshot was validated when it was saved, so it is
 * applied as it is — sanitising already-scoped CSS again would scope it twice.
 */
export async function revertBranding(actor: TenantActor, tenantId: string, versionParam: unknown, opts: { ifMatch?: string | null } = {}) {
  const version = parseOrThrow(brandingVersionParamSchema, versionParam);
  return withTenantScope(tenantId, async (tx) => {
    const access = await authorizeTenant(actor, tenantId, "branding:update", tx);
    const tenant = await lockTenantForBranding(tx, tenantId, opts.ifMatch);
    const target = await tx.tenantBrandingVersion.findUnique({ where: { tenantId_version: { tenantId, version } } });
    if (!target) throw new AppError("not_found", `No branding version ${version} for this tenant`);
    const next = storedBranding({ branding: target.branding as StoredBranding });
    if (sameBranding(storedBranding(tenant), next)) {
      return { branding: brandingView(tenant, next), version: await currentBrandingVersion(tx, tenantId), etag: etagOf(tenant), reverted_from: version, changed: false };
    }
    const saved = await saveBranding(tx, access, tenant, next, { action: "tenant.branding_reverted", revertedFrom: version });
    return { branding: brandingView(saved.tenant, next), version: saved.version, etag: etagOf(saved.tenant), reverted_from: version, changed: true };
  });
}
