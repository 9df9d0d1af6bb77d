import { reportUsageEvents as contract } from "@/lib/api-contracts/usage-events";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { reportUsageEvents } from "@/lib/usage/report-usage-events";

export const POST = apiRoute(contract, async ({ actor, body }) => success(await reportUsageEvents(actor, body)));
