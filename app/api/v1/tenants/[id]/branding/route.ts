import { getBranding as getContract, updateBranding as updateContract } from "@/lib/api-contracts/branding";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { getBranding } from "@/lib/branding/get-branding";
import { updateBranding } from "@/lib/branding/update-branding";

export const GET = apiRoute(getContract, async ({ actor, params }) => {
  const r = await getBranding(actor, params.id);
  return success({ branding: r.branding, version: r.version }, { headers: { ETag: r.etag } });
});

/** Fields left out keep their value; null clears one. Honours If-Match (the tenant's ETag). */
export const PUT = apiRoute(updateContract, async ({ req, actor, params, body }) => {
  const r = await updateBranding(actor, params.id, body, { ifMatch: req.headers.get("if-match") });
  return success({ branding: r.branding, version: r.version, warnings: r.warnings, css_removed: r.css_removed }, { headers: { ETag: r.etag } });
});
