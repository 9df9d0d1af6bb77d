import { apiRoute, queryObject } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { listBrandingVersions } from "@/lib/branding/list-branding-versions";

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ actor, params, query }) => {
  return success(await listBrandingVersions(actor, params.id, queryObject(query)));
}, { access: { tenant: "branding:read" } });
