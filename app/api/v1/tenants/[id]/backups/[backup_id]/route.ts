import { getBackup as getContract } from "@/lib/api-contracts/backups";
import { getBackup } from "@/lib/backups/read-backups";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";

export const GET = apiRoute(getContract, async ({ caller, params }) => success(await getBackup(caller, params.id, params.backup_id)));
