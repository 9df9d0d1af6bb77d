import { restoreTenant } from "@/lib/api-contracts/backups";
import { startRestore } from "@/lib/backups/start-restore";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";

/** A dry run answers 200 with the plan; a restore 202 (GET …/restores/{restore_id} follows it). */
export const POST = apiRoute(restoreTenant, async ({ caller, params, input }) => {
  const { restore, dryRun } = await startRestore(caller, params.id, input);
  return success(restore, { status: dryRun ? 200 : 202 });
});
