import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { previewBranding } from "@/lib/branding/preview-branding";
import { BRANDING_BODY_BYTES } from "@/lib/branding/update-branding";

type Params = { id: string };

/** What a PUT with this body would save, without saving it. */
export const POST = apiRoute<Params>(async ({ actor, params, body }) => success(await previewBranding(actor, params.id, body)), { access: { tenant: "branding:update" }, maxBodyBytes: BRANDING_BODY_BYTES });
