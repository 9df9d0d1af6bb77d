import { runTenantQuery as runTenantQueryContract } from "@/lib/api-contracts/sql-query";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { runTenantQuery } from "@/lib/sql-console/run-tenant-query";

export const POST = apiRoute(runTenantQueryContract, async ({ actor, params, input }) => success(await runTenantQuery(actor, params.id, input)));
