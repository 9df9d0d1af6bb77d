import { healthSummary as contract } from "@/lib/api-contracts/analytics";
import { getHealthSummary } from "@/lib/health/get-health-summary";
import { apiRoute, queryObject } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";

// A static segment beside [id]: Next matches it first.
export const GET = apiRoute(contract, async ({ caller, query }) => success(await getHealthSummary(caller, queryObject(query))));
