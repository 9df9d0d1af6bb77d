import type { Tx } from "@/lib/db/prisma";
import { AppError } from "@/lib/http/errors";
import type { AssetKind } from "@/lib/branding/validate-logo";

/** At most this many uploaded images per tenant, in use or not. */
export const MAX_ASSETS_PER_TENANT = 50;
/** At most this many that no branding version uses (uploaded, not saved). */
export const MAX_UNUSED_ASSETS_PER_TENANT = 10;
/** Images no branding version uses are removed this long after upload (the maintenance job). */
export const UNUSED_ASSET_RETENTION_HOURS = 24;

/**
 * SQL condition: asset `a` is named by no branding a tenant has or had — not
 * the current document, not any saved version — so nothing can show it or
 * bring it back by a revert. Assets are referenced by their URL path.
 */
export const UNREFERENCED_ASSET = `NOT EXISTS (
    SELECT 1 FROM tenants t WHERE t.id = a.tenant_id
      AND '/api/v1/tenants/' || a.tenant_id || '/branding/assets/' || a.id IN (t.branding->>'logo_url', t.branding->>'favicon_url'))
  AND NOT EXISTS (
    SELECT 1 FROM tenant_branding_versions v WHERE v.tenant_id = a.tenant_id
      AND '/api/v1/tenants/' || a.tenant_id || '/branding/assets/' || a.id IN (v.branding->>'logo_url', v.branding->>'favicon_url'))`;

/**
 * Refuses a new upload past the tenant's caps. The caller holds the tenant
 * row's lock (lockTenant), so parallel uploads are counted one after another.
 */
export async function assertAssetQuota(tx: Tx, tenantId: string, kind: AssetKind): Promise<void> {
  const [usage] = await tx.$queryRawUnsafe<{ total: number; unused: number }[]>(
    `SELECT count(*)::int AS total, (count(*) FILTER (WHERE ${UNREFERENCED_ASSET}))::int AS unused FROM tenant_assets a WHERE a.tenant_id = $1`,
    tenantId,
  );
  const refuse = (message: string, limit: number, current: number) =>
    new AppError("tenant_limit_exceeded", `${kind}: ${message}`, { path: kind, limit, current, unused_retention_hours: UNUSED_ASSET_RETENTION_HOURS });
  if (usage.total >= MAX_ASSETS_PER_TENANT) {
    throw refuse(`this tenant already has ${usage.total} uploaded images, the most allowed (${MAX_ASSETS_PER_TENANT})`, MAX_ASSETS_PER_TENANT, usage.total);
  }
  if (usage.unused >= MAX_UNUSED_ASSETS_PER_TENANT) {
    throw refuse(
      `this tenant has ${usage.unused} uploaded images that no saved branding uses, the most allowed (${MAX_UNUSED_ASSETS_PER_TENANT}); save one of them in the branding, or upload again after unused images are removed (${UNUSED_ASSET_RETENTION_HOURS} hours after their upload)`,
      MAX_UNUSED_ASSETS_PER_TENANT,
      usage.unused,
    );
  }
}
