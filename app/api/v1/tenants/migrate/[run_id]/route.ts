import { getFleetMigration as contract } from "@/lib/api-contracts/tenant-migrations";
import { apiRoute, queryObject } from "@/lib/http/api-route";
import { parseOrThrow } from "@/lib/http/errors";
import { success } from "@/lib/http/respond";
import { getFleetMigration } from "@/lib/tenant-migrations/read-fleet-runs";

export const GET = apiRoute(contract, async ({ caller, params, query }) => success(await getFleetMigration(caller, params.run_id, parseOrThrow(contract.query, queryObject(query)))));
