import { getBilling as contract } from "@/lib/api-contracts/subscriptions";
import { getBilling } from "@/lib/billing/subscriptions/get-billing";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";

export const GET = apiRoute(contract, async ({ actor, params }) => success(await getBilling(actor, params.id)));
