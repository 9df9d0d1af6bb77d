import { moveSubscriptions as contract } from "@/lib/api-contracts/plans";
import { moveSubscriptionsToCurrentVersion } from "@/lib/billing/plans/move-subscriptions";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";

export const POST = apiRoute(contract, async ({ caller, params }) => success(await moveSubscriptionsToCurrentVersion(caller, params.key)));
