import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { withTenantScope } from "@/lib/db/scope";
import { AppError } from "@/lib/http/errors";
import { assetPath } from "@/lib/schemas/branding";
import { ASSET_KINDS, validateImage, type AssetKind } from "@/lib/branding/validate-logo";
import { authorizeTenant, type TenantActor } from "@/lib/tenant-access/tenant-actor";

/**
 * Stores a logo or favicon and answers with the URL to put in logo_url or
 * favicon_url (uploading does not change the branding; saving does, so the
 * image can be previewed first). The id is derived from kind and content, so
 * the same image uploaded twice is one row and its URL never changes meaning.
 */
export async function uploadBrandingAsset(actor: TenantActor, tenantId: string, kind: AssetKind, bytes: Uint8Array) {
  if (!ASSET_KINDS.includes(kind)) throw new AppError("not_found", `No asset kind ${kind}`);
  const image = await validateImage(kind, bytes);
  const id = `${kind}_${image.sha256.slice(0, 32)}`;
  return withTenantScope(tenantId, async (tx) => {
    const access = await authorizeTenant(actor, tenantId, "branding:update", tx);
    const inserted = await tx.tenantAsset.createMany({
      data: [{ tenantId, id, kind, contentType: image.contentType, bytes: Buffer.from(bytes), sha256: image.sha256, width: image.width, height: image.height, size: image.size }],
      skipDuplicates: true,
    });
    const asset = { id, kind, content_type: image.contentType, width: image.width, height: image.height, size: image.size, sha256: image.sha256, url: assetPath(tenantId, id) };
    if (inserted.count > 0) {
      await recordAuditEvent(tx, access.auditCaller, { tenantId, action: "tenant.branding_asset_uploaded", targetType: "tenant_asset", targetId: id, after: { ...asset } });
    }
    return { asset, created: inserted.count > 0 };
  });
}
