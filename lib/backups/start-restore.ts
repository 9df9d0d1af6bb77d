import { randomBytes } from "node:crypto";
import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { enqueueBackupJob, RESTORE_QUEUE } from "@/lib/backups/backup-queue";
import { readManifest, type Manifest } from "@/lib/backups/manifest";
import { serializeRestore } from "@/lib/backups/serialize-backup";
import { requestedBy } from "@/lib/backups/requested-by";
import { backupStorage } from "@/lib/backups/storage";
import { checkArchiveIntegrity } from "@/lib/backups/verify-backup";
import { ownerPool } from "@/lib/db/pools";
import { withPlatformScope } from "@/lib/db/scope";
import { env } from "@/lib/env";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { RESTORE_STEPS, restoreTenantSchema, type RestoreTenantInput, type RestoreView } from "@/lib/schemas/backups";

export const newRestoreId = () => `restore_${randomBytes(8).toString("hex")}`;

const rejected = (reason: string, message: string) => new AppError("backup_rejected", message, { reason });

export type RestoreOptions = RestoreTenantInput["restore_options"] & { tables: string[] | null; date_range: { column: string; start: string; end: string } | null };

/**
 * POST /tenants/{id}/restore: every check that can refuse the restore runs
 * here, before anything is written (the manifest names this tenant, its
 * checksum is the one recorded at backup time, every file's SHA-256 when
 * verify_integrity, the key when encrypted, the tables and the target
 * schema); then a dry run answers the plan, and a real one is queued.
 */
export async function startRestore(caller: Caller, tenantId: string, body: unknown, opts: { enqueue?: boolean } = {}): Promise<{ restore: RestoreView; dryRun: boolean }> {
  authorize(caller, "backups:manage");
  const input = parseOrThrow(restoreTenantSchema, body);
  const o = input.restore_options;
  const { tenant, backup } = await withPlatformScope(async (tx) => {
    const tenant = await tx.tenant.findUnique({ where: { id: tenantId }, select: { id: true, status: true, schemaName: true } });
    if (!tenant || tenant.status === "deleted") throw new AppError("tenant_not_found", "Tenant not found");
    const backup = await tx.tenantBackup.findFirst({ where: { id: input.backup_id, tenantId } });
    if (!backup) throw new AppError("not_found", `backup_id: no backup ${input.backup_id} of this tenant`, [{ path: "backup_id", message: "Not found" }]);
    return { tenant, backup };
  });
  if (backup.status !== "completed") throw new AppError("invalid_state", `The backup is ${backup.status}; only a completed backup can be restored`);
  if (tenant.status === "provisioning" || tenant.status === "pending_deletion") throw new AppError("invalid_state", `The tenant is ${tenant.status}`);

  const storage = backupStorage();
  const prefix = `${tenantId}/${backup.id}`;
  let manifest: Manifest;
  let checksum: string;
  try {
    ({ manifest, checksum } = await readManifest(storage, prefix));
  } catch (err) {
    throw rejected("manifest_unreadable", `The backup's manifest cannot be read: ${(err as Error).message}`);
  }
  // The tenant first: a foreign archive is refused for what it is, whatever its checksums.
  if (manifest.tenant_id !== tenantId) throw rejected("foreign_tenant", `The backup's manifest names tenant ${manifest.tenant_id} (${manifest.tenant_slug}), not this tenant`);
  if (checksum !== backup.checksum) throw rejected("checksum_mismatch", `The backup's manifest has checksum ${checksum}; ${backup.checksum} was recorded when it was made`);
  if (manifest.encryption && !env.backupEncryptionKey) throw new AppError("invalid_request", "The backup is encrypted and the server has no BACKUP_ENCRYPTION_KEY to read it", [{ path: "backup_id", message: "BACKUP_ENCRYPTION_KEY is not set" }]);
  if (o.verify_integrity) {
    const bad = await checkArchiveIntegrity(storage, prefix, manifest);
    if (bad) throw rejected("checksum_mismatch", `The backup failed its integrity check: ${bad}`);
  }

  const known = new Set(manifest.tables.map((t) => t.name));
  const tables = input.selective_restore?.tables ?? null;
  const unknown = (tables ?? []).filter((t) => !known.has(t));
  if (unknown.length) throw new AppError("invalid_request", `selective_restore.tables: not in the backup: ${unknown.join(", ")}`, [{ path: "selective_restore.tables", message: `Unknown: ${unknown.join(", ")}` }]);
  const range = input.selective_restore?.date_range;
  const dateRange = range ? { column: range.column ?? "created_at", start: range.start, end: range.end } : null;
  if (dateRange && !manifest.tables.some((t) => (!tables || tables.includes(t.name)) && t.timestamp_columns.includes(dateRange.column))) {
    throw new AppError("invalid_request", `selective_restore.date_range.column: no restored table has a timestamp column ${dateRange.column}`, [{ path: "selective_restore.date_range.column", message: "No such timestamp column" }]);
  }

  const mode: RestoreView["mode"] = input.target_schema ? "side_schema" : "replace_live";
  if (mode === "replace_live" && !o.overwrite_existing) {
    throw new AppError("invalid_request", "restore_options.overwrite_existing: replacing the live schema needs overwrite_existing: true (or restore beside it with target_schema)", [{ path: "restore_options.overwrite_existing", message: "Must be true to replace the live schema" }]);
  }
  if (input.target_schema) await checkTargetSchema(input.target_schema, tenant.schemaName, o.overwrite_existing);

  const id = newRestoreId();
  const steps = RESTORE_STEPS.filter((s) => mode === "replace_live" || (s !== "swap" && s !== "grants"));
  const now = new Date();
  const plan: RestoreView["restore_plan"] = steps.map((step) => ({
    step,
    status: step === "integrity_check" ? (o.verify_integrity ? "completed" : "skipped") : "pending",
    detail: planDetail(step, manifest, tables, dateRange, mode, input.target_schema ?? tenant.schemaName, o.keep_previous),
    completed_at: step === "integrity_check" && o.verify_integrity ? now.toISOString() : null,
  }));
  const options: RestoreOptions = { ...o, tables, date_range: dateRange };
  const row = await withPlatformScope((tx) =>
    tx.tenantRestore.create({
      data: {
        id,
        tenantId,
        backupId: backup.id,
        status: o.dry_run ? "planned" : "queued",
        dryRun: o.dry_run,
        mode,
        targetSchema: input.target_schema ?? tenant.schemaName,
        options,
        plan,
        requestedBy: requestedBy(caller),
        createdAt: now,
        completedAt: o.dry_run ? now : null,
      },
    }),
  );
  if (!o.dry_run && opts.enqueue !== false) await enqueueBackupJob(RESTORE_QUEUE, id);
  return { restore: serializeRestore(row, backup), dryRun: o.dry_run };
}

async function checkTargetSchema(target: string, live: string, overwrite: boolean): Promise<void> {
  if (target === live) throw new AppError("invalid_request", "target_schema: that is the live schema; leave target_schema out to replace it", [{ path: "target_schema", message: "Is the live schema" }]);
  const owner = await withPlatformScope((tx) => tx.tenant.findFirst({ where: { schemaName: target }, select: { id: true } }));
  if (owner) throw new AppError("schema_name_exists", "target_schema: another tenant's schema has that name", [{ path: "target_schema", message: "Taken" }]);
  const exists = (await ownerPool().query("SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1", [target])).rowCount;
  if (exists && !overwrite) throw new AppError("schema_name_exists", `target_schema: ${target} exists; choose another name or set restore_options.overwrite_existing`, [{ path: "target_schema", message: "Exists" }]);
}

function planDetail(step: (typeof RESTORE_STEPS)[number], m: Manifest, tables: string[] | null, range: RestoreOptions["date_range"], mode: RestoreView["mode"], target: string, keep: boolean): string | null {
  const chosen = m.tables.filter((t) => !tables || tables.includes(t.name));
  switch (step) {
    case "integrity_check":
      return `${m.files.length} files, SHA-256 of each against the manifest`;
    case "schema_validation":
      return `manifest of tenant ${m.tenant_slug}, format ${m.format_version}, ${m.encryption ?? "not encrypted"}, ${m.compression ?? "not compressed"}`;
    case "table_creation":
      return `${chosen.length} tables: ${chosen.map((t) => t.name).join(", ")}`;
    case "data_restoration":
      return `${chosen.reduce((n, t) => n + (t.rows ?? 0), 0)} rows${range ? `, only ${range.column} in [${range.start}, ${range.end})` : ""}`;
    case "index_rebuilding":
      return "constraints, indexes, foreign keys, sequence positions";
    case "verification":
      return range ? "row counts of unfiltered tables against the manifest" : "row counts against the manifest";
    case "swap":
      return mode === "replace_live" ? `one transaction: ${target} → ${target}_pre_restore_<timestamp>${keep ? " (kept)" : " (dropped)"}, the new schema → ${target}` : null;
    case "grants":
      return "the tenant's database role regains its privileges on the new schema";
  }
}
