import { apiUploadRoute } from "@/lib/http/api-upload-route";
import { success } from "@/lib/http/respond";
import { uploadBrandingAsset } from "@/lib/branding/upload-branding-asset";
import { ASSET_LIMITS } from "@/lib/branding/validate-logo";

type Params = { id: string };

/** Raw image body; answers with the URL to set as favicon_url. */
export const POST = apiUploadRoute<Params>({ tenant: "branding:update" }, ASSET_LIMITS.favicon.maxBytes, async ({ actor, params, bytes }) => {
  const r = await uploadBrandingAsset(actor, params.id, "favicon", bytes);
  return success({ asset: r.asset }, { status: r.created ? 201 : 200, headers: { Location: r.asset.url } });
});
