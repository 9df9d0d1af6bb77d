import { z } from "zod";
import { webhookUrlSchema } from "@/lib/schemas/webhooks";

// POST /api/v1/tenants/{id}/backup, GET …/backups[/{backup_id}], POST …/restore,
// GET …/restores/{restore_id} (seed 000 "Backup and Migration"). Sizes are in MB
// where the seed says GB: tenant schemas here are far below a gigabyte.

export const BACKUP_TYPES = ["full", "schema_only", "data_only"] as const;
export const BACKUP_STATUSES = ["queued", "in_progress", "completed", "failed"] as const;
export const BACKUP_STEPS = ["queued", "control_plane_export", "schema_export", "data_export", "files_export", "manifest", "verification", "done"] as const;

const bool = (d: boolean) => z.boolean({ error: "Must be true or false" }).default(d);

export const createBackupSchema = z.strictObject({
  backup_type: z.enum(BACKUP_TYPES, { error: `Must be one of ${BACKUP_TYPES.join(", ")}` }).default("full"),
  include_schema: bool(true).describe("The schema's DDL (tables, columns, defaults, constraints, indexes, sequences); ignored by data_only"),
  include_data: bool(true).describe("Every table's rows (COPY); ignored by schema_only"),
  include_files: bool(false).describe("Uploaded assets (branding logo and favicon)"),
  compression: bool(true).describe("gzip every file of the archive"),
  encryption: bool(false).describe("AES-256-GCM with the server's BACKUP_ENCRYPTION_KEY (400 when the server has none)"),
  storage_location: z
    .string()
    .max(500)
    .optional()
    .describe("Where the archive goes is the server's choice (BACKUP_DIR or BACKUP_S3_URL); when given it must name that location (s3://bucket/prefix or local), else 400"),
  retention_days: z.number({ error: "Must be a whole number of days" }).int("Must be a whole number of days").min(1, "At least 1 day").max(3650, "At most 3650 days").default(30),
  notification_settings: z
    .strictObject({
      email_on_completion: bool(false).describe("Mail the requesting staff member when the backup completes or fails"),
      webhook_url: webhookUrlSchema.optional().describe("POSTed the completion event; the same address rules as webhook endpoints (public https hosts only)"),
    })
    .optional(),
});
export type CreateBackupInput = z.output<typeof createBackupSchema>;

const iso = z.iso.datetime();

export const backupProgressSchema = z.object({
  percentage: z.number().int().min(0).max(100),
  current_step: z.enum(BACKUP_STEPS),
  estimated_size_mb: z.number().nullable(),
});

export const backupResultSchema = z.object({
  backup_size_mb: z.number().describe("Bytes of the data before compression and encryption, in MB"),
  compressed_size_mb: z.number().describe("Bytes stored, in MB"),
  compression_ratio: z.number().describe("Stored bytes / original bytes (1 without compression)"),
  tables_backed_up: z.number().int(),
  rows_backed_up: z.number().int(),
  files_backed_up: z.number().int().describe("Uploaded assets in the archive"),
  checksum: z.string().describe("sha256:<hex> of the manifest, which lists the SHA-256 of every file"),
  storage_path: z.string(),
});

export const backupVerificationSchema = z.object({
  integrity_check: z.enum(["passed", "failed", "pending"]).describe("Every file re-read and its SHA-256 compared with the manifest"),
  data_sample_verified: z.boolean().nullable().describe("A sample table restored into a scratch schema and its row count and checksum compared; null when the backup has no data"),
  schema_validation: z.enum(["passed", "failed", "skipped", "pending"]).describe("The DDL applied to a scratch schema"),
  details: z.string().nullable(),
});

export const backupSchema = z.object({
  backup_id: z.string(),
  tenant_id: z.string(),
  status: z.enum(BACKUP_STATUSES),
  started_at: iso,
  completed_at: iso.nullable(),
  estimated_completion: iso.nullable(),
  duration_minutes: z.number().nullable(),
  expires_at: iso,
  configuration: z.object({
    backup_type: z.enum(BACKUP_TYPES),
    includes: z.array(z.enum(["control_plane", "schema", "data", "files"])),
    compression: z.boolean(),
    encryption: z.boolean(),
    retention_days: z.number().int(),
  }),
  progress: backupProgressSchema,
  storage_location: z.string(),
  result: backupResultSchema.nullable(),
  verification: backupVerificationSchema.nullable(),
  error: z.string().nullable(),
});
export type BackupView = z.infer<typeof backupSchema>;

export const listBackupsQuerySchema = z.strictObject({
  status: z.enum(BACKUP_STATUSES, { error: `Must be one of ${BACKUP_STATUSES.join(", ")}` }).optional(),
  limit: z.coerce.number({ error: "Must be a number" }).int("Must be a whole number").min(1, "At least 1").max(100, "At most 100").default(50),
});

export const backupListSchema = z.object({ backups: z.array(backupSchema), total: z.number().int() });

// ——— restore ———

/** A schema name a restore may create: lower-case identifier, not a system or control-plane name. */
export const targetSchemaName = z
  .string()
  .regex(/^[a-z_][a-z0-9_]{0,62}$/, "Must be a lower-case identifier: letters, digits and _, at most 63 characters, not starting with a digit")
  .refine((s) => !/^pg_/.test(s) && !["public", "information_schema", "atrium"].includes(s), "Must not be a system schema (pg_*, public, information_schema)");

export const RESTORE_STEPS = ["integrity_check", "schema_validation", "table_creation", "data_restoration", "index_rebuilding", "verification", "swap", "grants"] as const;
export const RESTORE_STATUSES = ["planned", "queued", "in_progress", "completed", "failed"] as const;
export const STEP_STATUSES = ["pending", "in_progress", "completed", "failed", "skipped"] as const;

export const restoreTenantSchema = z.strictObject({
  backup_id: z.string({ error: "Required: the backup to restore" }).min(1).max(64),
  restore_options: z
    .strictObject({
      overwrite_existing: bool(false).describe("Replace the live schema (no target_schema), or an existing target_schema; required for either"),
      verify_integrity: bool(true).describe("Re-read every file and check its SHA-256 before loading (the manifest's own checksum and tenant are always checked)"),
      rollback_on_error: bool(true)
        .refine((v) => v, "Only true is supported: a restore runs in one transaction, so a failure always leaves nothing behind")
        .describe("Always true: the restore is one transaction (build, load, verify, swap), so a failure leaves nothing half-built and the live schema untouched"),
      dry_run: bool(false).describe("Answer the plan only; nothing is written"),
      keep_previous: bool(true).describe("Over the live schema: keep the replaced schema as <schema>_pre_restore_<timestamp> (false drops it after the swap)"),
    })
    .default({ overwrite_existing: false, verify_integrity: true, rollback_on_error: true, dry_run: false, keep_previous: true }),
  target_schema: targetSchemaName.optional().describe("Restore beside the live schema into this new schema; absent: replace the live schema"),
  selective_restore: z
    .strictObject({
      tables: z.array(z.string().min(1).max(63)).min(1, "Name at least one table").max(500).optional(),
      date_range: z
        .strictObject({
          column: z.string().min(1).max(63).optional().describe("The timestamp column to filter on (default created_at); tables without it are restored whole"),
          start: iso.describe("Inclusive"),
          end: iso.describe("Exclusive"),
        })
        .refine((r) => r.start < r.end, { message: "start must be before end", path: ["start"] })
        .optional(),
    })
    .optional(),
});
export type RestoreTenantInput = z.output<typeof restoreTenantSchema>;

export const restoreStepSchema = z.object({
  step: z.enum(RESTORE_STEPS),
  status: z.enum(STEP_STATUSES),
  detail: z.string().nullable(),
  completed_at: iso.nullable(),
});

export const restoreSchema = z.object({
  restore_id: z.string(),
  tenant_id: z.string(),
  status: z.enum(RESTORE_STATUSES),
  dry_run: z.boolean(),
  mode: z.enum(["side_schema", "replace_live"]),
  target_schema: z.string().describe("Where the data lands: the new side schema, or the live schema's name after the swap"),
  previous_schema: z.string().nullable().describe("Replace mode: the name the replaced live schema was kept under (null when dropped or not yet swapped)"),
  started_at: iso,
  completed_at: iso.nullable(),
  estimated_completion: iso.nullable(),
  backup_source: z.object({ backup_id: z.string(), created_at: iso, backup_size_mb: z.number().nullable() }),
  restore_plan: z.array(restoreStepSchema),
  result: z.object({ tables_restored: z.number().int(), rows_restored: z.number().int() }).nullable(),
  error: z.string().nullable(),
});
export type RestoreView = z.infer<typeof restoreSchema>;
