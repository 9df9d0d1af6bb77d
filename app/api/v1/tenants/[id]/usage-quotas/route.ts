import { getUsageQuotas as contract } from "@/lib/api-contracts/subscriptions";
import { getUsageQuotas } from "@/lib/billing/subscriptions/get-usage-quotas";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";

export const GET = apiRoute(contract, async ({ actor, params }) => success(await getUsageQuotas(actor, params.id)));
