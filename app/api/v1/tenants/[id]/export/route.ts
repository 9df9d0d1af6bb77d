import { startTenantExport } from "@/lib/api-contracts/tenant-exports";
import { startExport } from "@/lib/exports/start-export";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";

export const POST = apiRoute(startTenantExport, async ({ caller, params }) => {
  const job = await startExport(caller, params.id);
  return success({ job_id: job.job_id, status: job.status, job }, { status: 202 });
});
