import { publishEvent } from "@/lib/events/publish-event";
import { withTenantScope } from "@/lib/db/scope";
import { env } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { enforceRateLimit } from "@/lib/http/rate-limit";
import { assetPath } from "@/lib/schemas/branding";
import { assertAssetQuota } from "@/lib/branding/asset-usage";
import { ASSET_KINDS, validateImage, type AssetKind } from "@/lib/branding/validate-logo";
import { assertStorageAvailable } from "@/lib/limits/enforcement";
import { lockTenant } from "@/lib/tenants/update-tenant";
import { authorizeTenant, type TenantActor } from "@/lib/tenant-access/tenant-actor";

/**
 * Stores a logo or favicon and answers with the URL to put in logo_url or
 * favicon_url (uploading does not change the branding; saving does, so the
 * image can be previewed first). The id is derived from kind and content, so
 * the same image uploaded twice is one row and its URL never changes meaning.
 *
 * Order: authorise, rate-limit (per tenant), then look at the bytes, then
 * store within the tenant's caps. The rate-limit counter uses a connection of
 * its own, so it runs between the two transactions, never inside one.
 */
export async function uploadBrandingAsset(actor: TenantActor, tenantId: string, kind: AssetKind, bytes: Uint8Array) {
  if (!ASSET_KINDS.includes(kind)) throw new AppError("not_found", `No asset kind ${kind}`);
  await withTenantScope(tenantId, async (tx) => {
    await authorizeTenant(actor, tenantId, "branding:update", tx);
    // Over the storage quota (a limits check enforced it): no new bytes.
    await assertStorageAvailable(tx, tenantId);
  });
  // Atrium's own jobs and scripts are not limited.
  if (!(actor.kind === "platform" && actor.caller.kind === "system")) {
    await enforceRateLimit(`branding-upload:${tenantId}`, env.brandingUploadRateLimitPer10Minutes, 600, "logo and favicon uploads for this tenant");
  }
  const image = await validateImage(kind, bytes);
  const id = `${kind}_${image.sha256.slice(0, 32)}`;
  return withTenantScope(tenantId, async (tx) => {
    const access = await authorizeTenant(actor, tenantId, "branding:update", tx);
    const asset = { id, kind, content_type: image.contentType, width: image.width, height: image.height, size: image.size, sha256: image.sha256, url: assetPath(tenantId, id) };
    await lockTenant(tx, tenantId);
    // The same bytes again are the same image: no new row, nothing to count.
    if (await tx.tenantAsset.findUnique({ where: { tenantId_id: { tenantId, id } }, select: { id: true } })) return { asset, created: false };
    await assertAssetQuota(tx, tenantId, kind);
    await tx.tenantAsset.create({
      data: { tenantId, id, kind, contentType: image.contentType, bytes: Buffer.from(bytes), sha256: image.sha256, width: image.width, height: image.height, size: image.size },
    });
    await publishEvent(tx, access.auditCaller, { tenantId, action: "tenant.branding_asset_uploaded", targetType: "tenant_asset", targetId: id, targetLabel: `${kind} ${image.width}×${image.height}`, after: { ...asset } });
    return { asset, created: true };
  });
}
