import type { Caller } from "@/lib/auth/caller";
import type { Tx } from "@/lib/db/prisma";
import type { Prisma, TenantBrandingVersion } from "@/lib/generated/prisma/client";
import type { StoredBranding } from "@/lib/branding/branding-document";

/**
 * Adds the next version for a tenant whose row the caller has locked (so two
 * saves cannot pick the same number). The first save also records what the
 * tenant had before versioning began, so even that can be restored.
 */
export async function recordBrandingVersion(
  tx: Tx,
  tenantId: string,
  before: StoredBranding,
  after: StoredBranding,
  by: Caller,
  revertedFrom: number | null = null,
): Promise<number> {
  const last = await tx.tenantBrandingVersion.findFirst({ where: { tenantId }, orderBy: { version: "desc" }, select: { version: true } });
  let version = last?.version ?? 0;
  if (!last) {
    version = 1;
    await tx.tenantBrandingVersion.create({
      data: { tenantId, version, branding: before as Prisma.InputJsonValue, createdByType: "system", createdById: null, createdByLabel: "Branding before the first saved change" },
    });
  }
  version += 1;
  await tx.tenantBrandingVersion.create({
    data: { tenantId, version, branding: after as Prisma.InputJsonValue, createdByType: by.kind, createdById: by.id, createdByLabel: by.label, revertedFrom },
  });
  return version;
}

export async function currentBrandingVersion(tx: Tx, tenantId: string): Promise<number | null> {
  const last = await tx.tenantBrandingVersion.findFirst({ where: { tenantId }, orderBy: { version: "desc" }, select: { version: true } });
  return last?.version ?? null;
}

export function serializeBrandingVersion(v: TenantBrandingVersion, current: number | null) {
  return {
    version: v.version,
    branding: v.branding as Record<string, unknown>,
    created_by: { type: v.createdByType, id: v.createdById, label: v.createdByLabel },
    reverted_from: v.revertedFrom,
    created_at: v.createdAt.toISOString(),
    current: v.version === current,
  };
}
