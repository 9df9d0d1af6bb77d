import { previewBranding as contract } from "@/lib/api-contracts/branding";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { previewBranding } from "@/lib/branding/preview-branding";

/** What a PUT with this body would save, without saving it. */
export const POST = apiRoute(contract, async ({ actor, params, body }) => success(await previewBranding(actor, params.id, body)));
