import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { withTenantScope } from "@/lib/db/scope";
import { serializeExport } from "@/lib/exports/serialize-export";
import { AppError } from "@/lib/http/errors";
import type { ExportJob } from "@/lib/schemas/tenant-exports";

export async function getExport(caller: Caller, tenantId: string, jobId: string): Promise<ExportJob> {
  authorize(caller, "backups:manage");
  const row = await withTenantScope(tenantId, (tx) => tx.tenantExport.findFirst({ where: { id: jobId, tenantId } }));
  if (!row) throw new AppError("not_found", `No export ${jobId} of tenant ${tenantId}`);
  return serializeExport(row, caller);
}

/** The latest completed export's link, freshly signed, for `data_export_url`; null when there is none or the caller may not download. */
export async function latestExportUrl(caller: Caller, tenantId: string): Promise<string | null> {
  if (!caller.permissions.has("backups:download")) return null;
  const row = await withTenantScope(tenantId, (tx) => tx.tenantExport.findFirst({ where: { tenantId, status: "completed" }, orderBy: { completedAt: "desc" } }));
  return row ? serializeExport(row, caller).download_url : null;
}
