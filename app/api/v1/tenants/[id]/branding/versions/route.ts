import { apiRoute, queryObject } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { listBrandingVersions } from "@/lib/branding/list-branding-versions";
import { platformActor } from "@/lib/tenant-access/tenant-actor";

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ caller, params, query }) => {
  return success(await listBrandingVersions(platformActor(caller), params.id, queryObject(query)));
});
