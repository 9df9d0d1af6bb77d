import { tenantAnalytics as contract } from "@/lib/api-contracts/analytics";
import { getTenantAnalytics } from "@/lib/analytics/get-tenant-analytics";
import { apiRoute, queryObject } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";

export const GET = apiRoute(contract, async ({ actor, params, query }) => success(await getTenantAnalytics(actor, params.id, queryObject(query))));
