import type { Caller } from "@/lib/auth/caller";
import { backupTenantNow } from "@/lib/backups/backup-tenant-now";

/**
 * backup_before's backup: a full one (DDL and data, so a migration that drops
 * a column can be undone by a restore), taken to completion before the first
 * migration runs. It needs backups:manage besides data:migrate; a backup that
 * fails throws, and then nothing is migrated.
 */
export async function backupBeforeMigrating(caller: Caller, tenantId: string): Promise<{ backup_id: string }> {
  return backupTenantNow(caller, tenantId, { backup_type: "full" });
}
