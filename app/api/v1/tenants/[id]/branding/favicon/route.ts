import { apiUploadRoute } from "@/lib/http/api-upload-route";
import { success } from "@/lib/http/respond";
import { uploadBrandingAsset } from "@/lib/branding/upload-branding-asset";
import { ASSET_LIMITS } from "@/lib/branding/validate-logo";
import { platformActor } from "@/lib/tenant-access/tenant-actor";

type Params = { id: string };

/** Raw image body; answers with the URL to set as favicon_url. */
export const POST = apiUploadRoute<Params>(ASSET_LIMITS.favicon.maxBytes, async ({ caller, params, bytes }) => {
  const r = await uploadBrandingAsset(platformActor(caller), params.id, "favicon", bytes);
  return success({ asset: r.asset }, { status: r.created ? 201 : 200, headers: { Location: r.asset.url } });
});
