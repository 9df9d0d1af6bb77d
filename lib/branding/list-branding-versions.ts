import { withTenantScope } from "@/lib/db/scope";
import { parseOrThrow } from "@/lib/http/errors";
import { listBrandingVersionsQuerySchema } from "@/lib/schemas/branding";
import { sameBranding, storedBranding, type StoredBranding } from "@/lib/branding/branding-document";
import { serializeBrandingVersion } from "@/lib/branding/branding-versions";
import { authorizeTenant, type TenantActor } from "@/lib/tenant-access/tenant-actor";

/** Newest first (with who made each, so branding:read, not bare tenant access). `current` marks the version the tenant shows now (none if branding was changed elsewhere since). */
export async function listBrandingVersions(actor: TenantActor, tenantId: string, query: unknown = {}) {
  return withTenantScope(tenantId, async (tx) => {
    await authorizeTenant(actor, tenantId, "branding:read", tx);
    const q = parseOrThrow(listBrandingVersionsQuerySchema, query);
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { branding: true } });
    const rows = await tx.tenantBrandingVersion.findMany({ where: { tenantId }, orderBy: { version: "desc" }, take: q.limit });
    const latest = rows[0];
    const current = latest && sameBranding(latest.branding as StoredBranding, storedBranding(tenant)) ? latest.version : null;
    return { versions: rows.map((r) => serializeBrandingVersion(r, current)) };
  });
}
