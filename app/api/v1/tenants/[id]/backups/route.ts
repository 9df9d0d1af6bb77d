import { listBackups as listContract } from "@/lib/api-contracts/backups";
import { listBackups } from "@/lib/backups/read-backups";
import { apiRoute, queryObject } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";

export const GET = apiRoute(listContract, async ({ caller, params, query }) => success(await listBackups(caller, params.id, queryObject(query))));
