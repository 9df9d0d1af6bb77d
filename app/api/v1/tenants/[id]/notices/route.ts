import { listNotices as listContract } from "@/lib/api-contracts/limits";
import { apiRoute, queryObject } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { listNotices } from "@/lib/limits/list-notices";

export const GET = apiRoute(listContract, async ({ actor, params, query }) => success({ notices: await listNotices(actor, params.id, queryObject(query)) }));
