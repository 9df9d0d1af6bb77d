import { listPlans as contract } from "@/lib/api-contracts/plans";
import { listPlans } from "@/lib/billing/plans/list-plans";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";

export const GET = apiRoute(contract, async ({ caller }) => success({ plans: await listPlans(caller) }));
