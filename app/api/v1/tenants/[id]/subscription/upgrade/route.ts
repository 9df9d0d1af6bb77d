import { upgradeSubscription as contract } from "@/lib/api-contracts/subscriptions";
import { changePlan } from "@/lib/billing/subscriptions/change-plan";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";

export const POST = apiRoute(contract, async ({ actor, params, body }) => success(await changePlan(actor, params.id, body, "upgrade")));
