import { tenantByDomain as contract } from "@/lib/api-contracts/domains";
import { tenantByDomain } from "@/lib/domains/tenant-by-domain";
import { apiRoute, queryObject } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";

// A static segment beside [id]: Next matches it first, so no tenant id can be "by-domain".
export const GET = apiRoute(contract, async ({ caller, query }) => success(await tenantByDomain(caller, queryObject(query))));
