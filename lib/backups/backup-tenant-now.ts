import type { Caller } from "@/lib/auth/caller";
import { runBackup } from "@/lib/backups/run-backup";
import { startBackup } from "@/lib/backups/start-backup";
import { withPlatformScope } from "@/lib/db/scope";
import { AppError } from "@/lib/http/errors";
import type { CreateBackupInput } from "@/lib/schemas/backups";

export type BackupNowOptions = Partial<CreateBackupInput>;

/**
 * Takes a backup of the tenant and returns when it is complete (for
 * migrations' backup_before): the same service and job as POST …/backup,
 * run in the caller's process. Throws AppError when the backup fails.
 */
export async function backupTenantNow(caller: Caller, tenantId: string, options: BackupNowOptions = {}): Promise<{ backup_id: string }> {
  const queued = await startBackup(caller, tenantId, options, { enqueue: false });
  const status = await runBackup(queued.backup_id);
  if (status !== "completed") {
    const row = await withPlatformScope((tx) => tx.tenantBackup.findUnique({ where: { tenantId_id: { tenantId, id: queued.backup_id } }, select: { error: true } }));
    throw new AppError("internal_error", `The backup ${queued.backup_id} failed: ${row?.error ?? status}`, { backup_id: queued.backup_id });
  }
  return { backup_id: queued.backup_id };
}
