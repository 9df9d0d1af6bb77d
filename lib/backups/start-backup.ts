import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { requestedBy } from "@/lib/backups/requested-by";
import { BACKUP_QUEUE, enqueueBackupJob } from "@/lib/backups/backup-queue";
import { serializeBackup, type BackupOptions } from "@/lib/backups/serialize-backup";
import { backupStorage } from "@/lib/backups/storage";
import { withPlatformScope } from "@/lib/db/scope";
import { env } from "@/lib/env";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { createBackupSchema, type BackupView } from "@/lib/schemas/backups";
import { randomBytes } from "node:crypto";

export const newBackupId = () => `backup_${randomBytes(8).toString("hex")}`;

/**
 * POST /tenants/{id}/backup: checks everything that can be checked before
 * any work (the key when encryption is asked, the storage location named),
 * records the backup as queued and hands it to the backup queue.
 */
export async function startBackup(caller: Caller, tenantId: string, body: unknown, opts: { enqueue?: boolean } = {}): Promise<BackupView> {
  authorize(caller, "backups:manage");
  const input = parseOrThrow(createBackupSchema, body ?? {});
  if (input.encryption && !env.backupEncryptionKey) {
    throw new AppError("invalid_request", "encryption: the server has no BACKUP_ENCRYPTION_KEY, so it cannot encrypt backups; send encryption: false or configure the key", [
      { path: "encryption", message: "BACKUP_ENCRYPTION_KEY is not set on the server" },
    ]);
  }
  const storage = backupStorage();
  if (input.storage_location !== undefined && input.storage_location.replace(/\/+$/, "") !== storage.location) {
    throw new AppError("invalid_request", `storage_location: backups go to ${storage.location} (set by BACKUP_DIR / BACKUP_S3_URL); leave it out or name that location`, [
      { path: "storage_location", message: `Must be ${storage.location}` },
    ]);
  }
  if (input.backup_type === "full" && !input.include_schema && !input.include_data && !input.include_files) {
    throw new AppError("invalid_request", "include_schema, include_data, include_files: a full backup must include at least one of them", [{ path: "include_schema", message: "Nothing to back up" }]);
  }
  const id = newBackupId();
  const options: BackupOptions = {
    include_schema: input.include_schema,
    include_data: input.include_data,
    include_files: input.include_files,
    compression: input.compression,
    encryption: input.encryption,
    notification_settings: input.notification_settings ?? null,
  };
  const row = await withPlatformScope(async (tx) => {
    const tenant = await tx.tenant.findUnique({ where: { id: tenantId }, select: { id: true, status: true } });
    if (!tenant || tenant.status === "deleted") throw new AppError("tenant_not_found", "Tenant not found");
    if (tenant.status === "provisioning") throw new AppError("invalid_state", "The tenant is still being provisioned");
    const now = new Date();
    return tx.tenantBackup.create({
      data: {
        id,
        tenantId,
        status: "queued",
        backupType: input.backup_type,
        options,
        storageLocation: storage.location,
        storagePath: storage.url(`${tenantId}/${id}`),
        requestedBy: requestedBy(caller),
        retentionDays: input.retention_days,
        expiresAt: new Date(now.getTime() + input.retention_days * 86_400_000),
        createdAt: now,
      },
    });
  });
  if (opts.enqueue !== false) await enqueueBackupJob(BACKUP_QUEUE, id);
  return serializeBackup(row);
}
