import { uploadFavicon } from "@/lib/api-contracts/branding";
import { apiUploadRoute } from "@/lib/http/api-upload-route";
import { success } from "@/lib/http/respond";
import { uploadBrandingAsset } from "@/lib/branding/upload-branding-asset";

/** Raw image body; answers with the URL to set as favicon_url. */
export const POST = apiUploadRoute(uploadFavicon, async ({ actor, params, bytes }) => {
  const r = await uploadBrandingAsset(actor, params.id, "favicon", bytes);
  return success({ asset: r.asset }, { status: r.created ? 201 : 200, headers: { Location: r.asset.url } });
});
