import { z } from "zod";
import { defineRoute } from "@/lib/api-contracts/define-route";
import { BRANDING_BODY_BYTES } from "@/lib/branding/update-branding";
import { ASSET_LIMITS } from "@/lib/branding/validate-logo";
import {
  brandingAssetResponseSchema,
  brandingReadSchema,
  brandingResultSchema,
  brandingVersionsResponseSchema,
  listBrandingVersionsQuerySchema,
  updateBrandingSchema,
} from "@/lib/schemas/branding";

export const getBranding = defineRoute({
  method: "GET",
  path: "/api/v1/tenants/{id}/branding",
  tag: "Tenant branding",
  summary: "The tenant's current branding and its version",
  description: "Needs branding:read (every built-in role has it).",
  access: { tenant: "branding:read" },
  rateLimit: "tenant_queries",
  responses: { 200: { description: "Branding", data: brandingReadSchema, etag: true } },
  errors: [401, 403, 404],
});

// The body may be larger than the usual 1 MB, so an oversized stylesheet gets the sanitizer's 400 naming custom_css, not a bare 413.
export const updateBranding = defineRoute({
  method: "PUT",
  path: "/api/v1/tenants/{id}/branding",
  tag: "Tenant branding",
  summary: "Change branding fields; every save is kept as a version",
  description: "Fields left out keep their value; null clears one. Custom CSS is reduced to an allowlist and what was removed is listed in css_removed; low colour contrast is a warning, not an error.",
  access: { tenant: "branding:update" },
  rateLimit: "tenant_queries",
  body: updateBrandingSchema,
  bodyParsedBy: "service",
  maxBodyBytes: BRANDING_BODY_BYTES,
  headers: ["if-match"],
  responses: { 200: { description: "Saved", data: brandingResultSchema, etag: true } },
  errors: [400, 401, 403, 404, 412, 413],
});

export const previewBranding = defineRoute({
  method: "POST",
  path: "/api/v1/tenants/{id}/branding/preview",
  tag: "Tenant branding",
  summary: "What a PUT with this body would save, without saving it",
  access: { tenant: "branding:update" },
  rateLimit: "tenant_queries",
  body: updateBrandingSchema,
  bodyParsedBy: "service",
  maxBodyBytes: BRANDING_BODY_BYTES,
  responses: { 200: { description: "Preview", data: brandingResultSchema } },
  errors: [400, 401, 403, 404, 413],
});

const UPLOAD_LIMITS =
  "Per tenant: at most RATE_LIMIT_BRANDING_UPLOADS_PER_10_MINUTES uploads in 10 minutes (429 rate_limit_exceeded with Retry-After), at most 50 stored images and at most 10 that no saved branding uses (429 tenant_limit_exceeded). Images no branding version uses are removed 24 hours after upload. Uploaded bytes count towards the tenant's storage; while a limits check has found the tenant over its storage quota (auto_enforce on), uploads answer 429 storage_quota_exceeded.";

const uploaded = {
  201: { description: "Stored", data: brandingAssetResponseSchema },
  200: { description: "Already stored", data: brandingAssetResponseSchema },
} as const;

export const uploadLogo = defineRoute({
  method: "POST",
  path: "/api/v1/tenants/{id}/branding/logo",
  tag: "Tenant branding",
  summary: "Upload a logo; answers with the URL to set as logo_url",
  description: UPLOAD_LIMITS,
  access: { tenant: "branding:update" },
  rateLimit: "tenant_queries",
  upload: "logo",
  maxBodyBytes: ASSET_LIMITS.logo.maxBytes,
  responses: uploaded,
  errors: [400, 401, 403, 404, 413, 415, 429],
});

export const uploadFavicon = defineRoute({
  method: "POST",
  path: "/api/v1/tenants/{id}/branding/favicon",
  tag: "Tenant branding",
  summary: "Upload a favicon; answers with the URL to set as favicon_url",
  description: UPLOAD_LIMITS,
  access: { tenant: "branding:update" },
  rateLimit: "tenant_queries",
  upload: "favicon",
  maxBodyBytes: ASSET_LIMITS.favicon.maxBytes,
  responses: uploaded,
  errors: [400, 401, 403, 404, 413, 415, 429],
});

export const getBrandingAsset = defineRoute({
  method: "GET",
  path: "/api/v1/tenants/{id}/branding/assets/{asset_id}",
  tag: "Tenant branding",
  summary: "A stored logo or favicon, served from Atrium's own origin (public; nosniff, immutable cache)",
  access: "public",
  rateLimit: { none: "Public images the portal pages and emails show, served with immutable caching; no caller to count against" },
  responses: { 200: { description: "The image, with the type read from its bytes at upload" }, 304: { description: "Not modified" } },
  errors: [404],
});

export const listBrandingVersions = defineRoute({
  method: "GET",
  path: "/api/v1/tenants/{id}/branding/versions",
  tag: "Tenant branding",
  summary: "Saved branding versions, newest first",
  description: "Needs branding:read. Each version names who saved it.",
  access: { tenant: "branding:read" },
  rateLimit: "tenant_queries",
  query: listBrandingVersionsQuerySchema,
  responses: { 200: { description: "Versions", data: brandingVersionsResponseSchema } },
  errors: [400, 401, 403, 404],
});

export const revertBranding = defineRoute({
  method: "POST",
  path: "/api/v1/tenants/{id}/branding/versions/{version}/revert",
  tag: "Tenant branding",
  summary: "Save an earlier version again as the newest one",
  access: { tenant: "branding:update" },
  rateLimit: "tenant_queries",
  headers: ["if-match"],
  responses: { 200: { description: "Reverted", data: brandingResultSchema.pick({ branding: true, version: true }).extend({ reverted_from: z.number().int() }), etag: true } },
  errors: [401, 403, 404, 412],
});
