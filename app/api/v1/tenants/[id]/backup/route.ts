import { createBackup } from "@/lib/api-contracts/backups";
import { startBackup } from "@/lib/backups/start-backup";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";

export const POST = apiRoute(createBackup, async ({ caller, params, input }) => success(await startBackup(caller, params.id, input), { status: 202 }));
