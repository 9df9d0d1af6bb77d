import { getTenantUsage as usageContract } from "@/lib/api-contracts/usage";
import { apiRoute, queryObject } from "@/lib/http/api-route";
import { parseOrThrow } from "@/lib/http/errors";
import { success } from "@/lib/http/respond";
import { getTenantUsage } from "@/lib/tenants/get-tenant-usage";

export const GET = apiRoute(usageContract, async ({ actor, params, query }) => {
  const q = parseOrThrow(usageContract.query, queryObject(query));
  return success(await getTenantUsage(actor, params.id, q));
});
