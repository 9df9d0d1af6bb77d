import { getTenantExport } from "@/lib/api-contracts/tenant-exports";
import { getExport } from "@/lib/exports/get-export";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";

export const GET = apiRoute(getTenantExport, async ({ caller, params }) => success({ job: await getExport(caller, params.id, params.job_id) }));
