import { checkLimits } from "@/lib/api-contracts/limits";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { checkTenantLimits } from "@/lib/limits/check-tenant-limits";

export const POST = apiRoute(checkLimits, async ({ actor, params, body }) => success(await checkTenantLimits(actor, params.id, body)));
