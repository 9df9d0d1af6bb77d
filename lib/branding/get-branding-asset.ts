import { withTenantScope } from "@/lib/db/scope";
import { AppError } from "@/lib/http/errors";

const ASSET_ID = /^(logo|favicon)_[0-9a-f]{32}$/;
const TENANT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The bytes of one uploaded image, read in that tenant's scope: RLS alone
 * keeps another tenant's asset id from resolving under this tenant's URL.
 * Public on purpose (portals, sign-in pages and emails show logos to anyone).
 */
export async function getBrandingAsset(tenantId: string, assetId: string) {
  if (!TENANT_ID.test(tenantId) || !ASSET_ID.test(assetId)) throw new AppError("not_found", "No such image");
  const asset = await withTenantScope(tenantId, (tx) =>
    tx.tenantAsset.findUnique({ where: { tenantId_id: { tenantId, id: assetId } }, select: { bytes: true, contentType: true, sha256: true, size: true } }),
  );
  if (!asset) throw new AppError("not_found", "No such image");
  return asset;
}
