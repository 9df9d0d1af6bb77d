import { getSubscription as contract } from "@/lib/api-contracts/subscriptions";
import { getTenantSubscription } from "@/lib/billing/subscriptions/get-subscription";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";

export const GET = apiRoute(contract, async ({ actor, params }) => success({ subscription: await getTenantSubscription(actor, params.id) }));
