import { uploadLogo } from "@/lib/api-contracts/branding";
import { apiUploadRoute } from "@/lib/http/api-upload-route";
import { success } from "@/lib/http/respond";
import { uploadBrandingAsset } from "@/lib/branding/upload-branding-asset";

/** Raw image body; answers with the URL to set as logo_url. */
export const POST = apiUploadRoute(uploadLogo, async ({ actor, params, bytes }) => {
  const r = await uploadBrandingAsset(actor, params.id, "logo", bytes);
  return success({ asset: r.asset }, { status: r.created ? 201 : 200, headers: { Location: r.asset.url } });
});
