import { defineRoute } from "@/lib/api-contracts/define-route";
import { backupListSchema, backupSchema, createBackupSchema, listBackupsQuerySchema, restoreSchema, restoreTenantSchema } from "@/lib/schemas/backups";

const TAG = "Backup and restore";
const STAFF = "Platform staff only";

export const createBackup = defineRoute({
  method: "POST",
  path: "/api/v1/tenants/{id}/backup",
  tag: TAG,
  summary: "Back up a tenant (runs as a job)",
  description:
    "Queues a backup of the tenant's control-plane rows (NDJSON), its schema's DDL read from the catalogue and every table's rows (COPY, streamed), and with include_files its uploaded assets; each file gzip-compressed and AES-256-GCM-encrypted when asked, with a manifest listing every file's SHA-256. Answers 202 at once; follow `GET …/backups/{backup_id}`. " +
    `Encryption needs BACKUP_ENCRYPTION_KEY on the server (400 naming it otherwise). ${STAFF} (backups:manage).`,
  access: { tenant: "data:read", platform: "backups:manage", tenantSide: "none" },
  rateLimit: "backup_operations",
  body: createBackupSchema,
  bodyOptional: true,
  responses: { 202: { description: "Queued", data: backupSchema } },
  errors: [400, 401, 403, 404, 429],
});

export const listBackups = defineRoute({
  method: "GET",
  path: "/api/v1/tenants/{id}/backups",
  tag: TAG,
  summary: "The tenant's backups, newest first",
  description: `Expired backups are pruned by a job and leave this list. ${STAFF} (backups:manage).`,
  access: { tenant: "data:read", platform: "backups:manage", tenantSide: "none" },
  rateLimit: "tenant_queries",
  query: listBackupsQuerySchema,
  responses: { 200: { description: "Backups", data: backupListSchema } },
  errors: [400, 401, 403, 404, 429],
});

export const getBackup = defineRoute({
  method: "GET",
  path: "/api/v1/tenants/{id}/backups/{backup_id}",
  tag: TAG,
  summary: "A backup's status, progress, result and verification",
  description: `${STAFF} (backups:manage).`,
  access: { tenant: "data:read", platform: "backups:manage", tenantSide: "none" },
  rateLimit: "tenant_queries",
  responses: { 200: { description: "The backup", data: backupSchema } },
  errors: [401, 403, 404, 429],
});

export const downloadBackup = defineRoute({
  method: "GET",
  path: "/api/v1/tenants/{id}/backups/{backup_id}/download",
  tag: TAG,
  summary: "Download a completed backup as a tar archive",
  description:
    "The archive's files as stored (compressed and encrypted as they were made) in an uncompressed tar, manifest first, streamed. Only completed backups (409 otherwise). Platform staff with backups:download: the archive holds every row of the tenant.",
  access: { tenant: "data:read", platform: "backups:download", tenantSide: "none" },
  rateLimit: "backup_operations",
  responses: { 200: { description: "The archive, streamed", media: ["application/x-tar"] } },
  errors: [401, 403, 404, 409, 429],
});

export const restoreTenant = defineRoute({
  method: "POST",
  path: "/api/v1/tenants/{id}/restore",
  tag: TAG,
  summary: "Restore a tenant's schema from a backup (runs as a job)",
  description:
    "Refuses (400 backup_rejected, with the reason) a backup whose manifest names another tenant or whose checksums fail. With `target_schema` the backup is loaded into that new schema beside the live one. Without it the live schema is replaced: a new schema is built, loaded and verified, then the names are swapped in one transaction (the old schema kept as <schema>_pre_restore_<timestamp> unless keep_previous is false), so the tenant is never half-restored and a failure leaves the live schema untouched; `overwrite_existing: true` is required. " +
    "`selective_restore` restores only the named tables and, with `date_range`, only their rows whose timestamp column falls in the range. `dry_run` answers 200 with the plan and writes nothing; otherwise 202 and `GET …/restores/{restore_id}` follows it. " +
    `Published as tenant.restored. ${STAFF} (backups:manage).`,
  access: { tenant: "data:write", platform: "backups:manage", tenantSide: "none" },
  rateLimit: "backup_operations",
  body: restoreTenantSchema,
  responses: {
    200: { description: "Dry run: the plan", data: restoreSchema },
    202: { description: "Queued", data: restoreSchema },
  },
  errors: [400, 401, 403, 404, 409, 429],
});

export const getRestore = defineRoute({
  method: "GET",
  path: "/api/v1/tenants/{id}/restores/{restore_id}",
  tag: TAG,
  summary: "A restore's status and plan",
  description: `${STAFF} (backups:manage).`,
  access: { tenant: "data:read", platform: "backups:manage", tenantSide: "none" },
  rateLimit: "tenant_queries",
  responses: { 200: { description: "The restore", data: restoreSchema } },
  errors: [401, 403, 404, 429],
});
