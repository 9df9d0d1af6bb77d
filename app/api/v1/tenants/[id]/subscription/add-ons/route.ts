import { updateAddOns as contract } from "@/lib/api-contracts/subscriptions";
import { updateAddOns } from "@/lib/billing/subscriptions/update-add-ons";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";

export const PUT = apiRoute(contract, async ({ actor, params, body }) => success({ subscription: await updateAddOns(actor, params.id, body) }));
