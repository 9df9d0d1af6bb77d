import type { Caller } from "@/lib/auth/caller";
import type { TenantExport } from "@/lib/generated/prisma/client";
import { signExportLink } from "@/lib/exports/export-link";
import type { ExportJob } from "@/lib/schemas/tenant-exports";

/** Only staff who may download archives are handed a link: the link alone is enough to download. */
export const mayDownload = (caller: Caller) => caller.permissions.has("backups:download");

/** GET …/export/{job_id}'s `job`; a completed job's link is signed afresh on every read. */
export function serializeExport(row: TenantExport, caller: Caller): ExportJob {
  const link = row.status === "completed" && row.storagePath && mayDownload(caller) ? signExportLink(row.tenantId, row.id) : null;
  return {
    job_id: row.id,
    tenant_id: row.tenantId,
    status: row.status as ExportJob["status"],
    progress: { percentage: row.percentage, current_step: row.currentStep },
    result: (row.result as ExportJob["result"]) ?? null,
    error: row.error,
    download_url: link?.url ?? null,
    download_expires_at: link?.expiresAt.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
    started_at: row.startedAt?.toISOString() ?? null,
    completed_at: row.completedAt?.toISOString() ?? null,
  };
}
