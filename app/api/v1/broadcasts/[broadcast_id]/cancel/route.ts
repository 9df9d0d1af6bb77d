import { cancelBroadcast as contract } from "@/lib/api-contracts/notifications";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { cancelBroadcast } from "@/lib/notifications/cancel-broadcast";

export const POST = apiRoute(contract, async ({ caller, params }) => success({ broadcast: await cancelBroadcast(caller, params.broadcast_id) }));
