import { defineRoute } from "@/lib/api-contracts/define-route";
import {
  exportDownloadQuerySchema,
  exportJobResponseSchema,
  importTenantQuerySchema,
  importTenantResponseSchema,
  startExportResponseSchema,
  startExportSchema,
} from "@/lib/schemas/tenant-exports";

const ARCHIVE =
  "The archive is a gzipped tar (format_version 1): manifest.json (source tenant, created_at, per file sha256, bytes and rows), one NDJSON file per control-plane entity under control/ (tenant, roles, memberships with the member's email, invitations without tokens, domains without verification tokens, branding versions) and one CSV with a header row per table of the tenant's schema under tables/, including schema_migrations. API keys, webhook endpoints and their secrets are never exported.";

export const startTenantExport = defineRoute({
  method: "POST",
  path: "/api/v1/tenants/{id}/export",
  tag: "Export and import",
  summary: "Start an export of a tenant's data (a job); poll GET …/export/{job_id}",
  description: `${ARCHIVE} The tables are read in one REPEATABLE READ snapshot, streamed with COPY … TO STDOUT. Audited as tenant.exported when done. Platform staff with backups:manage.`,
  access: { tenant: "data:read", platform: "backups:manage", tenantSide: "none" },
  rateLimit: "backup_operations",
  body: startExportSchema,
  bodyOptional: true,
  responses: { 202: { description: "Export queued", data: startExportResponseSchema } },
  errors: [400, 401, 403, 404, 409, 429],
});

export const getTenantExport = defineRoute({
  method: "GET",
  path: "/api/v1/tenants/{id}/export/{job_id}",
  tag: "Export and import",
  summary: "An export job's status, progress, result and signed download link",
  description:
    "`download_url` is signed (HMAC-SHA256) and expires after EXPORT_LINK_TTL_SECONDS (15 minutes by default); it is freshly signed on every read, and null until the job completed or when the caller lacks backups:download. Platform staff with backups:manage.",
  access: { tenant: "data:read", platform: "backups:manage", tenantSide: "none" },
  rateLimit: "tenant_queries",
  responses: { 200: { description: "The export job", data: exportJobResponseSchema } },
  errors: [400, 401, 403, 404, 429],
});

export const downloadTenantExport = defineRoute({
  method: "GET",
  path: "/api/v1/tenants/{id}/export/{job_id}/download",
  tag: "Export and import",
  summary: "Download an export archive through its signed, expiring link",
  description:
    "The link (from `download_url` or `data_export_url`) is the capability: no session or key is needed, and it works only until `expires`. A link whose signature does not match the tenant, job and expiry, or that has expired, answers 403 export_link_invalid. Streams application/gzip.",
  access: "public",
  rateLimit: { none: "The signed link is the capability; it lives EXPORT_LINK_TTL_SECONDS and only staff with backups:download are handed one" },
  query: exportDownloadQuerySchema,
  responses: { 200: { description: "The archive", media: ["application/gzip"] } },
  errors: [400, 403, 404],
});

export const importTenant = defineRoute({
  method: "POST",
  path: "/api/v1/tenants/import",
  tag: "Export and import",
  summary: "Create a new tenant from an export archive",
  description:
    "Send the archive as the raw body (Content-Type application/gzip or application/octet-stream) with `slug` (and optionally `name`) in the query. The manifest and every file's SHA-256 are verified first (400 invalid_archive), then every conflict is reported at once (409 import_conflicts: slug or schema taken, a domain claimed by another tenant, tenant migrations this environment does not have) before anything is written. The tenant gets new ids; members whose email matches a user here are linked to that account, others get a pending invitation (not emailed). Tables are loaded with COPY FROM STDIN; any failure drops the new schema and leaves no rows. API keys, webhook endpoints and secrets are not in archives and are listed in `skipped`. Audited as tenant.imported. Platform staff with backups:manage.",
  access: { platform: "backups:manage" },
  rateLimit: "backup_operations",
  upload: "archive",
  query: importTenantQuerySchema,
  maxBodyBytes: 512 * 1024 * 1024,
  responses: { 201: { description: "The imported tenant", data: importTenantResponseSchema } },
  errors: [400, 401, 403, 409, 413, 415, 429],
});
