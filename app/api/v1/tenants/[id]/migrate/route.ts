import { migrateTenantSchema as contract } from "@/lib/api-contracts/tenant-migrations";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { migrateTenant } from "@/lib/tenant-migrations/migrate-tenant";

export const POST = apiRoute(contract, async ({ caller, params, input }) => success(await migrateTenant(caller, params.id, input)));
