import { getTenantSchema as contract } from "@/lib/api-contracts/tenant-db-schema";
import { getTenantSchema } from "@/lib/dataplane/get-tenant-schema";
import { apiRoute, queryObject } from "@/lib/http/api-route";
import { parseOrThrow } from "@/lib/http/errors";
import { success } from "@/lib/http/respond";

export const GET = apiRoute(contract, async ({ actor, params, query }) => {
  const q = parseOrThrow(contract.query, queryObject(query));
  return success(await getTenantSchema(actor, params.id, q));
});
