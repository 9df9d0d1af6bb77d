import { listMessages as contract } from "@/lib/api-contracts/notifications";
import { apiRoute, queryObject } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { listTenantMessages } from "@/lib/notifications/list-tenant-messages";

export const GET = apiRoute(contract, async ({ actor, params, query }) => success(await listTenantMessages(actor, params.id, { before: queryObject(query).before ?? null })));
