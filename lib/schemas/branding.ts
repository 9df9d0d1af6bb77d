import { z } from "zod";
import { HEX_COLOUR, HEX_COLOUR_MESSAGE } from "@/lib/branding/hex-colour";
import { primaryColourSchema } from "@/lib/branding/validate-colour";

// Seed 000/003 branding fields plus the favicon, email header/footer and custom CSS.
// null clears a field; a field left out keeps its value.

export { HEX_COLOUR, HEX_COLOUR_MESSAGE };

/** Where uploaded branding images are served; the only URLs the portal and emails show. */
export const ASSET_PATH = /^\/api\/v1\/tenants\/([A-Za-z0-9_-]{1,64})\/branding\/assets\/((logo|favicon)_[0-9a-f]{32})$/;
export const assetPath = (tenantId: string, assetId: string) => `/api/v1/tenants/${tenantId}/branding/assets/${assetId}`;

// An uploaded image's URL (or, for seed 000's tenant API, a logo's public https URL); which is allowed where,
// and whether the image exists, is decided by the branding service (checkImageUrl in lib/branding/branding-document.ts).
const imageUrl = z.string().max(2048, "At most 2048 characters");
// Plain text shown in emails: no markup, no control characters beyond line breaks and tabs.
const emailText = z
  .string()
  .max(1000, "At most 1000 characters")
  .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), { message: "Control characters are not allowed" });

export const brandingFieldsSchema = z.strictObject({
  company_name: z.string().trim().min(1, "Company name cannot be empty").max(120).nullable().optional(),
  primary_color: primaryColourSchema.nullable().optional(),
  secondary_color: z.string().regex(HEX_COLOUR, HEX_COLOUR_MESSAGE).nullable().optional(),
  logo_url: imageUrl.nullable().optional(),
  favicon_url: imageUrl.nullable().optional(),
  email_header: emailText.nullable().optional(),
  email_footer: emailText.nullable().optional(),
  // The size cap and everything else is the sanitizer's job, so its 400 names the limit.
  custom_css: z.string().nullable().optional(),
  // Where the portal's dead ends (suspended, used invitation, 404) send members; unset, the platform's SUPPORT_EMAIL/SUPPORT_URL.
  support_email: z.email("Use an email address such as help@example.com").max(254).nullable().optional(),
  support_url: z.url({ protocol: /^https$/, hostname: z.regexes.domain, error: "Use an https:// address such as https://help.example.com" }).max(2048).nullable().optional(),
});
export type BrandingInput = z.output<typeof brandingFieldsSchema>;

export const updateBrandingSchema = brandingFieldsSchema.refine((b) => Object.keys(b).length > 0, { message: "Send at least one field to change" });

export const listBrandingVersionsQuerySchema = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) });

export const brandingVersionParamSchema = z.coerce.number().int().min(1).max(2_147_483_647);

/** The stored document, every field present (null when unset). */
export const brandingSchema = z.object({
  company_name: z.string(),
  primary_color: z.string().nullable(),
  secondary_color: z.string().nullable(),
  logo_url: z.string().nullable(),
  favicon_url: z.string().nullable(),
  email_header: z.string().nullable(),
  email_footer: z.string().nullable(),
  custom_css: z.string().nullable(),
  support_email: z.string().nullable(),
  support_url: z.string().nullable(),
});

const warning = z.object({ field: z.string(), message: z.string(), contrast: z.number() });
const removal = z.object({ what: z.string(), reason: z.string(), line: z.number().optional() });
export const brandingResultSchema = z.object({ branding: brandingSchema, version: z.number().int().nullable(), warnings: z.array(warning), css_removed: z.array(removal) });
export const brandingReadSchema = z.object({ branding: brandingSchema, version: z.number().int().nullable() });
export const brandingVersionSchema = z.object({
  version: z.number().int(),
  branding: z.record(z.string(), z.unknown()),
  created_by: z.object({ type: z.string(), id: z.string().nullable(), label: z.string() }),
  reverted_from: z.number().int().nullable(),
  created_at: z.string(),
  current: z.boolean(),
});
export const brandingVersionsResponseSchema = z.object({ versions: z.array(brandingVersionSchema) });
export const brandingAssetResponseSchema = z.object({
  asset: z.object({ id: z.string(), kind: z.enum(["logo", "favicon"]), content_type: z.string(), width: z.number().int(), height: z.number().int(), size: z.number().int(), sha256: z.string(), url: z.string() }),
});
