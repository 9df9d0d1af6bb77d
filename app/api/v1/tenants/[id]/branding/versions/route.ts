import { listBrandingVersions as contract } from "@/lib/api-contracts/branding";
import { apiRoute, queryObject } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { listBrandingVersions } from "@/lib/branding/list-branding-versions";

export const GET = apiRoute(contract, async ({ actor, params, query }) => {
  return success(await listBrandingVersions(actor, params.id, queryObject(query)));
});
