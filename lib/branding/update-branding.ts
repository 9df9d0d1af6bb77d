import type { Prisma, Tenant } from "@/lib/generated/prisma/client";
import { publishEvent } from "@/lib/events/publish-event";
import type { Tx } from "@/lib/db/prisma";
import { withTenantScope } from "@/lib/db/scope";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { updateBrandingSchema } from "@/lib/schemas/branding";
import { assertCssAcceptable } from "@/lib/branding/sanitize-css";
import { brandingDiff, brandingView, prepareBranding, sameBranding, storedBranding, type StoredBranding } from "@/lib/branding/branding-document";
import { currentBrandingVersion, recordBrandingVersion } from "@/lib/branding/branding-versions";
import { etagOf } from "@/lib/tenants/serialize-tenant";
import { checkIfMatch, lockTenant } from "@/lib/tenants/update-tenant";
import { authorizeTenant, type TenantAccess, type TenantActor } from "@/lib/tenant-access/tenant-actor";

/** Branding bodies may carry a stylesheet far over the CSS cap; reading up to this much lets the sanitizer refuse it by name. */
export const BRANDING_BODY_BYTES = 4 * 1024 * 1024;

/** The tenant, locked, after the If-Match and state checks every branding write shares. */
export async function lockTenantForBranding(tx: Tx, tenantId: string, ifMatch: string | null | undefined): Promise<Tenant> {
  const tenant = await lockTenant(tx, tenantId);
  checkIfMatch(tenant, ifMatch);
  if (tenant.status === "provisioning" || tenant.status === "pending_deletion") {
    throw new AppError("invalid_state", `A tenant that is ${tenant.status.replace("_", " ")} cannot be edited`);
  }
  return tenant;
}

/** Writes the new document, bumps the tenant's version (its ETag; the NOTIFY trigger refreshes host caches) and keeps a version row. */
export async function saveBranding(tx: Tx, access: TenantAccess, tenant: Tenant, next: StoredBranding, audit: { action: string; revertedFrom?: number }) {
  const before = storedBranding(tenant);
  const updated = await tx.tenant.update({
    where: { id: tenant.id },
    data: { branding: next as Prisma.InputJsonValue, version: { increment: 1 }, updatedAt: new Date() },
  });
  const version = await recordBrandingVersion(tx, tenant.id, before, next, access.auditCaller, audit.revertedFrom ?? null);
  const d = brandingDiff(before, next);
  await publishEvent(tx, access.auditCaller, {
    tenantId: tenant.id,
    action: audit.action,
    targetType: "tenant",
    targetId: tenant.id,
    targetLabel: updated.name,
    before: d.before,
    after: { ...d.after, version, ...(audit.revertedFrom ? { reverted_from: audit.revertedFrom } : {}) },
  });
  return { tenant: updated, version };
}

/**
 * Saves branding (fields left out keep their value, null clears one). All
 * validation happens before the first write, and all writes share one
 * transaction: a refused input changes nothing.
 */
export async function updateBranding(actor: TenantActor, tenantId: string, input: unknown, opts: { ifMatch?: string | null } = {}) {
  const body = parseOrThrow(updateBrandingSchema, input);
  if (body.custom_css) assertCssAcceptable(body.custom_css);
  return withTenantScope(tenantId, async (tx) => {
    const access = await authorizeTenant(actor, tenantId, "branding:update", tx);
    const tenant = await lockTenantForBranding(tx, tenantId, opts.ifMatch);
    const current = storedBranding(tenant);
    const prepared = await prepareBranding(tx, tenantId, current, body);
    const result = { warnings: prepared.warnings, css_removed: prepared.css_removed };
    if (sameBranding(current, prepared.stored)) {
      return { ...result, branding: brandingView(tenant, current), version: await currentBrandingVersion(tx, tenantId), etag: etagOf(tenant), changed: false };
    }
    const saved = await saveBranding(tx, access, tenant, prepared.stored, { action: "tenant.branding_updated" });
    return { ...result, branding: brandingView(saved.tenant, prepared.stored), version: saved.version, etag: etagOf(saved.tenant), changed: true };
  });
}
