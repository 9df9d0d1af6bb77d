import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { serializeBackup, serializeRestore } from "@/lib/backups/serialize-backup";
import { withPlatformScope } from "@/lib/db/scope";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { listBackupsQuerySchema, type BackupView, type RestoreView } from "@/lib/schemas/backups";

async function tenantExists(tenantId: string): Promise<void> {
  const t = await withPlatformScope((tx) => tx.tenant.findUnique({ where: { id: tenantId }, select: { status: true } }));
  if (!t || t.status === "deleted") throw new AppError("tenant_not_found", "Tenant not found");
}

/** GET /tenants/{id}/backups: newest first. */
export async function listBackups(caller: Caller, tenantId: string, query: unknown): Promise<{ backups: BackupView[]; total: number }> {
  authorize(caller, "backups:manage");
  const q = parseOrThrow(listBackupsQuerySchema, query);
  await tenantExists(tenantId);
  const where = { tenantId, ...(q.status ? { status: q.status } : {}) };
  const [rows, total] = await withPlatformScope((tx) => Promise.all([tx.tenantBackup.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: q.limit }), tx.tenantBackup.count({ where })]));
  return { backups: rows.map(serializeBackup), total };
}

export async function getBackup(caller: Caller, tenantId: string, backupId: string): Promise<BackupView> {
  authorize(caller, "backups:manage");
  await tenantExists(tenantId);
  const row = await withPlatformScope((tx) => tx.tenantBackup.findFirst({ where: { id: backupId, tenantId } }));
  if (!row) throw new AppError("not_found", "Backup not found");
  return serializeBackup(row);
}

export async function getRestore(caller: Caller, tenantId: string, restoreId: string): Promise<RestoreView> {
  authorize(caller, "backups:manage");
  await tenantExists(tenantId);
  const row = await withPlatformScope((tx) => tx.tenantRestore.findFirst({ where: { id: restoreId, tenantId } }));
  if (!row) throw new AppError("not_found", "Restore not found");
  const backup = await withPlatformScope((tx) => tx.tenantBackup.findUnique({ where: { tenantId_id: { tenantId, id: row.backupId } }, select: { id: true, createdAt: true, result: true } }));
  return serializeRestore(row, backup);
}
