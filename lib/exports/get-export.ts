import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { withTenantScope } from "@/lib/db/scope";
import type { SqlQuery } from "@/lib/db/sql-scope";
import { signExportLink } from "@/lib/exports/export-link";
import { serializeExport } from "@/lib/exports/serialize-export";
import { AppError } from "@/lib/http/errors";
import type { ExportJob } from "@/lib/schemas/tenant-exports";

export async function getExport(caller: Caller, tenantId: string, jobId: string): Promise<ExportJob> {
  authorize(caller, "backups:manage");
  const row = await withTenantScope(tenantId, (tx) => tx.tenantExport.findFirst({ where: { id: jobId, tenantId } }));
  if (!row) throw new AppError("not_found", `No export ${jobId} of tenant ${tenantId}`);
  return serializeExport(row, caller);
}

/**
 * `data_export_url` (GET and DELETE /tenants/{id}): the latest completed
 * export's link, freshly signed, in the caller's transaction. The link is the
 * credential, so only staff with backups:download get one, and the others pay
 * no query.
 */
export async function latestExportUrl(q: SqlQuery, caller: Caller, tenantId: string): Promise<string | null> {
  if (!caller.permissions.has("backups:download")) return null;
  const [latest] = await q<{ id: string }>(
    "SELECT id FROM tenant_exports WHERE tenant_id = $1 AND status = 'completed' AND storage_path IS NOT NULL ORDER BY completed_at DESC LIMIT 1",
    [tenantId],
  );
  return latest ? signExportLink(tenantId, latest.id).url : null;
}
