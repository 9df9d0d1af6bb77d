import { revertBranding as contract } from "@/lib/api-contracts/branding";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { revertBranding } from "@/lib/branding/revert-branding";

/** Saves an earlier version again as the newest one. Honours If-Match. */
export const POST = apiRoute(contract, async ({ req, actor, params }) => {
  const r = await revertBranding(actor, params.id, params.version, { ifMatch: req.headers.get("if-match") });
  return success({ branding: r.branding, version: r.version, reverted_from: r.reverted_from }, { headers: { ETag: r.etag } });
});
