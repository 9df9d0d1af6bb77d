import type { Caller } from "@/lib/auth/caller";
import type { CreateBackupInput } from "@/lib/schemas/backups";

export type BackupNowOptions = Partial<CreateBackupInput>;

/**
 * Takes a backup of the tenant and returns when it is complete (for
 * migrations' backup_before): the same work as the job behind POST …/backup,
 * run in the caller's process. Throws AppError when the backup fails.
 */
export async function backupTenantNow(caller: Caller, tenantId: string, options: BackupNowOptions = {}): Promise<{ backup_id: string }> {
  void caller;
  void tenantId;
  void options;
  throw new Error("backupTenantNow: interface only in this commit; the implementation follows on issue12-backup");
}
