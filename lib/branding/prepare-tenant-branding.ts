import type { Tx } from "@/lib/db/prisma";
import { AppError } from "@/lib/http/errors";
import type { BrandingInput } from "@/lib/schemas/branding";
import { prepareBranding, type PreparedBranding, type StoredBranding } from "@/lib/branding/branding-document";
import { assertCssAcceptable } from "@/lib/branding/sanitize-css";

/**
 * The branding a tenant-level write (POST and PUT /tenants) stores: exactly
 * the checks and sanitising of a branding save (updateBranding), plus seed
 * 000's logo given as a public https URL. Errors name the field where the
 * caller's body has it (`branding.logo_url`), under that API's error code.
 */
export async function prepareTenantBranding(tx: Tx, tenantId: string, current: StoredBranding, input: BrandingInput, fieldPrefix: string): Promise<PreparedBranding> {
  try {
    if (input.custom_css) assertCssAcceptable(input.custom_css);
    return await prepareBranding(tx, tenantId, current, input, { externalLogo: true });
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== "invalid_request" || !Array.isArray(err.details)) throw err;
    throw new AppError("invalid_tenant_config", `${fieldPrefix}${err.message}`, err.details.map((d) => ({ ...d, path: `${fieldPrefix}${d.path}` })), err.headers);
  }
}
