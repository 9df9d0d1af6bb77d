import { updatePlan as contract } from "@/lib/api-contracts/plans";
import { updatePlan } from "@/lib/billing/plans/update-plan";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";

export const PUT = apiRoute(contract, async ({ caller, params, body }) => success({ plan: await updatePlan(caller, params.key, body) }));
