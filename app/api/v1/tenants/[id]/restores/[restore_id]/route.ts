import { getRestore as getContract } from "@/lib/api-contracts/backups";
import { getRestore } from "@/lib/backups/read-backups";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";

export const GET = apiRoute(getContract, async ({ caller, params }) => success(await getRestore(caller, params.id, params.restore_id)));
