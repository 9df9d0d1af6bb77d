import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { readManifest } from "@/lib/backups/manifest";
import { backupStorage } from "@/lib/backups/storage";
import { withPlatformScope } from "@/lib/db/scope";
import { AppError } from "@/lib/http/errors";

export type BackupTable = { name: string; rows: number | null; timestamp_columns: string[] };

/**
 * The tables a completed backup holds, from its manifest (stored unencrypted,
 * so no key is needed): the restore dialog's choice of tables for a selective
 * restore. Only the manifest is read, never the data files.
 */
export async function listBackupTables(caller: Caller, tenantId: string, backupId: string): Promise<BackupTable[]> {
  authorize(caller, "backups:manage");
  const backup = await withPlatformScope((tx) => tx.tenantBackup.findFirst({ where: { id: backupId, tenantId }, select: { status: true } }));
  if (!backup) throw new AppError("not_found", "Backup not found");
  if (backup.status !== "completed") throw new AppError("invalid_state", `The backup is ${backup.status}; only a completed backup lists its tables`);
  const { manifest } = await readManifest(backupStorage(), `${tenantId}/${backupId}`);
  // A manifest naming another tenant is refused by restore too; never show its tables here.
  if (manifest.tenant_id !== tenantId) throw new AppError("not_found", "Backup not found");
  return manifest.tables.map((t) => ({ name: t.name, rows: t.rows, timestamp_columns: t.timestamp_columns }));
}
