import { withTenantScope } from "@/lib/db/scope";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { brandingFieldsSchema } from "@/lib/schemas/branding";
import { assertCssAcceptable } from "@/lib/branding/sanitize-css";
import { brandingView, prepareBranding, storedBranding } from "@/lib/branding/branding-document";
import { authorizeTenant, type TenantActor } from "@/lib/tenant-access/tenant-actor";

/**
 * What saving `input` would produce — the same checks, sanitised CSS, warnings
 * and removals — without writing anything; the editor's live preview.
 */
export async function previewBranding(actor: TenantActor, tenantId: string, input: unknown) {
  const body = parseOrThrow(brandingFieldsSchema, input);
  if (body.custom_css) assertCssAcceptable(body.custom_css);
  return withTenantScope(tenantId, async (tx) => {
    await authorizeTenant(actor, tenantId, "branding:update", tx);
    const tenant = await tx.tenant.findUnique({ where: { id: tenantId } });
    if (!tenant) throw new AppError("tenant_not_found", `No tenant with id ${tenantId}`);
    const prepared = await prepareBranding(tx, tenantId, storedBranding(tenant), body);
    return { branding: brandingView(tenant, prepared.stored), warnings: prepared.warnings, css_removed: prepared.css_removed };
  });
}
