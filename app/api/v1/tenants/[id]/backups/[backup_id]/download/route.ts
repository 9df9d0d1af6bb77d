import { downloadBackup as downloadContract } from "@/lib/api-contracts/backups";
import { downloadBackup } from "@/lib/backups/download-backup";
import { apiRoute } from "@/lib/http/api-route";

export const GET = apiRoute(downloadContract, async ({ caller, params }) => {
  const { filename, stream } = await downloadBackup(caller, params.id, params.backup_id);
  return new Response(stream, { headers: { "content-type": "application/x-tar", "content-disposition": `attachment; filename="${filename}"`, "cache-control": "no-store" } });
});
