import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { getBranding } from "@/lib/branding/get-branding";
import { BRANDING_BODY_BYTES, updateBranding } from "@/lib/branding/update-branding";

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ actor, params }) => {
  const r = await getBranding(actor, params.id);
  return success({ branding: r.branding, version: r.version }, { headers: { ETag: r.etag } });
}, { access: { tenant: "branding:read" } });

/**
 * Fields left out keep their value; null clears one. Honours If-Match (the
 * tenant's ETag). The body may be larger than the usual 1 MB, so an oversized
 * stylesheet gets the sanitizer's 400 naming custom_css, not a bare 413.
 */
export const PUT = apiRoute<Params>(
  async ({ req, actor, params, body }) => {
    const r = await updateBranding(actor, params.id, body, { ifMatch: req.headers.get("if-match") });
    return success({ branding: r.branding, version: r.version, warnings: r.warnings, css_removed: r.css_removed }, { headers: { ETag: r.etag } });
  },
  { access: { tenant: "branding:update" }, maxBodyBytes: BRANDING_BODY_BYTES },
);
