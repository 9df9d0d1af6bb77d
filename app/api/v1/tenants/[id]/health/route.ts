import { tenantHealth as contract } from "@/lib/api-contracts/analytics";
import { getTenantHealth } from "@/lib/health/get-tenant-health";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";

export const GET = apiRoute(contract, async ({ actor, params }) => success(await getTenantHealth(actor, params.id)));
