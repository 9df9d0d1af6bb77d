import type { TenantBackup, TenantRestore } from "@/lib/generated/prisma/client";
import type { BackupView, RestoreView } from "@/lib/schemas/backups";

export type BackupOptions = {
  include_schema: boolean;
  include_data: boolean;
  include_files: boolean;
  compression: boolean;
  encryption: boolean;
  notification_settings: { email_on_completion: boolean; webhook_url?: string } | null;
};

const MB = 1024 * 1024;
export const toMb = (bytes: number) => Math.round((bytes / MB) * 1000) / 1000;

export function includesOf(type: string, o: BackupOptions): BackupView["configuration"]["includes"] {
  const out: BackupView["configuration"]["includes"] = ["control_plane"];
  if (type !== "data_only" && o.include_schema) out.push("schema");
  if (type !== "schema_only" && o.include_data) out.push("data");
  if (o.include_files) out.push("files");
  return out;
}

export function serializeBackup(row: TenantBackup): BackupView {
  const o = row.options as BackupOptions;
  const started = row.startedAt ?? row.createdAt;
  // A guess from the bytes estimated and done so far; null before any progress.
  const estimate = row.status === "in_progress" && row.progressPct > 0 ? new Date(started.getTime() + ((Date.now() - started.getTime()) * 100) / row.progressPct) : null;
  return {
    backup_id: row.id,
    tenant_id: row.tenantId,
    status: row.status as BackupView["status"],
    started_at: started.toISOString(),
    completed_at: row.completedAt?.toISOString() ?? null,
    estimated_completion: row.completedAt?.toISOString() ?? estimate?.toISOString() ?? null,
    duration_minutes: row.completedAt ? Math.round(((row.completedAt.getTime() - started.getTime()) / 60000) * 100) / 100 : null,
    expires_at: row.expiresAt.toISOString(),
    configuration: { backup_type: row.backupType as BackupView["configuration"]["backup_type"], includes: includesOf(row.backupType, o), compression: o.compression, encryption: o.encryption, retention_days: row.retentionDays },
    progress: { percentage: row.progressPct, current_step: row.currentStep as BackupView["progress"]["current_step"], estimated_size_mb: row.estimatedBytes === null ? null : toMb(Number(row.estimatedBytes)) },
    storage_location: row.storageLocation,
    result: (row.result as BackupView["result"]) ?? null,
    verification: (row.verification as BackupView["verification"]) ?? null,
    error: row.error,
  };
}

export function serializeRestore(row: TenantRestore, backup: Pick<TenantBackup, "id" | "createdAt" | "result"> | null): RestoreView {
  const result = backup?.result as BackupView["result"] | null;
  return {
    restore_id: row.id,
    tenant_id: row.tenantId,
    status: row.status as RestoreView["status"],
    dry_run: row.dryRun,
    mode: row.mode as RestoreView["mode"],
    target_schema: row.targetSchema,
    previous_schema: row.previousSchema,
    started_at: row.createdAt.toISOString(),
    completed_at: row.completedAt?.toISOString() ?? null,
    estimated_completion: row.completedAt?.toISOString() ?? null,
    backup_source: { backup_id: row.backupId, created_at: (backup?.createdAt ?? row.createdAt).toISOString(), backup_size_mb: result?.backup_size_mb ?? null },
    restore_plan: row.plan as RestoreView["restore_plan"],
    result: (row.result as RestoreView["result"]) ?? null,
    error: row.error,
  };
}
