import { crossTenantAnalytics as contract } from "@/lib/api-contracts/analytics";
import { getCrossTenantAnalytics } from "@/lib/analytics/get-cross-tenant-analytics";
import { apiRoute, queryObject } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";

export const GET = apiRoute(contract, async ({ caller, query }) => success(await getCrossTenantAnalytics(caller, queryObject(query))));
