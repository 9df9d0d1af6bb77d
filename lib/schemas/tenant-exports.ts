import { z } from "zod";
import { slugSchema } from "@/lib/schemas/tenant";
import { tenantSchema } from "@/lib/schemas/tenant-responses";

/** POST /tenants/{id}/export: nothing to choose yet; an empty body (or `{}`) exports everything. */
export const startExportSchema = z.object({}).strict();

export const EXPORT_STATUSES = ["queued", "running", "completed", "failed"] as const;

export const exportTableResultSchema = z.object({ name: z.string(), rows: z.number().int(), bytes: z.number().int() });

export const exportResultSchema = z.object({
  /** Rows per control-plane entity (tenant, roles, memberships, invitations, domains, branding_versions…). */
  entities: z.record(z.string(), z.number().int()),
  tables: z.array(exportTableResultSchema),
  rows: z.number().int(),
  /** The archive's size in bytes. */
  bytes: z.number().int(),
  /** `sha256:<hex>` of the whole archive as stored. */
  checksum: z.string(),
  format_version: z.number().int(),
});

export const exportJobSchema = z.object({
  job_id: z.string(),
  tenant_id: z.string(),
  status: z.enum(EXPORT_STATUSES),
  progress: z.object({ percentage: z.number().int().min(0).max(100), current_step: z.string() }),
  result: exportResultSchema.nullable(),
  error: z.string().nullable(),
  /** Signed and expiring (EXPORT_LINK_TTL_SECONDS); null until completed, and for callers without backups:download. */
  download_url: z.string().nullable(),
  download_expires_at: z.string().nullable(),
  created_at: z.string(),
  started_at: z.string().nullable(),
  completed_at: z.string().nullable(),
});
export type ExportJob = z.infer<typeof exportJobSchema>;

export const startExportResponseSchema = z.object({ job_id: z.string(), status: z.enum(EXPORT_STATUSES), job: exportJobSchema });
export const exportJobResponseSchema = z.object({ job: exportJobSchema });

/** The download link's query: both parts of the signature (lib/exports/export-link.ts). */
export const exportDownloadQuerySchema = z.object({
  expires: z.string().regex(/^\d{1,12}$/, "A Unix time in seconds"),
  signature: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "A base64url HMAC-SHA256"),
});

/** POST /tenants/import: the archive is the raw body; these come in the query string. */
export const importTenantQuerySchema = z.object({
  slug: slugSchema,
  name: z.string().trim().min(1, "At least one character").max(255, "At most 255 characters").optional(),
});
export type ImportTenantQuery = z.infer<typeof importTenantQuerySchema>;

export const importSkippedSchema = z.object({ entity: z.string(), count: z.number().int(), reason: z.string() });

export const importTenantResponseSchema = z.object({
  tenant: tenantSchema,
  source: z.object({ tenant_id: z.string(), slug: z.string(), exported_at: z.string() }),
  /** Members whose email matched an existing user: linked to that account. */
  members_linked: z.number().int(),
  /** Members unknown here: a pending invitation each (not emailed; resend it from Members). */
  members_invited: z.number().int(),
  roles: z.number().int(),
  domains: z.number().int(),
  tables: z.array(z.object({ name: z.string(), rows: z.number().int() })),
  /** What an export never carries (secrets, key hashes, tokens), so what was not imported. */
  skipped: z.array(importSkippedSchema),
});

/** One reason an archive cannot be imported here; all of them are reported together, before anything is written. */
export const importConflictSchema = z.object({ path: z.string(), message: z.string() });
