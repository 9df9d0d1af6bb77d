import { search as contract } from "@/lib/api-contracts/search";
import { apiRoute, queryObject } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { searchEverything } from "@/lib/search/search-everything";

// The portal's command palette calls it with the member's session cookie on the tenant's host.
export const GET = apiRoute(contract, async ({ actor, query }) => success(await searchEverything(actor, queryObject(query))), { memberSessions: true });
