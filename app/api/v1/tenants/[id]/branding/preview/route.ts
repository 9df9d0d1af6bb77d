import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { previewBranding } from "@/lib/branding/preview-branding";
import { platformActor } from "@/lib/tenant-access/tenant-actor";

type Params = { id: string };

/** What a PUT with this body would save, without saving it. */
export const POST = apiRoute<Params>(async ({ caller, params, body }) => {
  return success(await previewBranding(platformActor(caller), params.id, body));
});
