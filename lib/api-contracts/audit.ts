import { defineRoute } from "@/lib/api-contracts/define-route";
import {
  auditListResponseSchema,
  platformAuditExportQuerySchema,
  platformAuditListQuerySchema,
  tenantAuditExportQuerySchema,
  tenantAuditListQuerySchema,
} from "@/lib/schemas/audit";

const FILTERS =
  "Filters: event_type (exact names or prefixes ending in *, comma-separated), actor (user id, key id or email), target_type, target_id, from/to (RFC 3339), q (text in the actor, target label or id, or the values), ip (address or CIDR).";
const PAGING = "Newest first; keyset pages: limit (1–200, default 50) and cursor (the previous page's next_cursor; null on the last page). A cursor that was altered answers 400 naming cursor.";
const EXPORT =
  "Every matching event, newest first, streamed as it is read (CSV through csv-stringify with spreadsheet formulas neutralised, or NDJSON: one item per line); Content-Disposition names the file. The export is itself audited (audit.exported, with the filter).";
const EXPORT_MEDIA = ["text/csv", "application/x-ndjson"] as const;

export const listTenantAuditLog = defineRoute({
  method: "GET",
  path: "/api/v1/tenants/{id}/audit-log",
  tag: "Audit log",
  summary: "The tenant's audit log",
  description: `${FILTERS} ${PAGING} Needs the tenant's audit:read; platform callers need audit:read.`,
  access: { tenant: "audit:read", platform: "audit:read" },
  rateLimit: "tenant_queries",
  query: tenantAuditListQuerySchema,
  responses: { 200: { description: "A page of events", data: auditListResponseSchema } },
  errors: [400, 401, 403, 404],
});

export const exportTenantAuditLog = defineRoute({
  method: "GET",
  path: "/api/v1/tenants/{id}/audit-log/export",
  tag: "Audit log",
  summary: "Export the tenant's audit log (CSV or NDJSON)",
  description: `${EXPORT} ${FILTERS} format: csv (default) or ndjson.`,
  access: { tenant: "audit:read", platform: "audit:read" },
  rateLimit: "tenant_queries",
  query: tenantAuditExportQuerySchema,
  responses: { 200: { description: "The events, streamed", media: EXPORT_MEDIA } },
  errors: [400, 401, 403, 404],
});

export const listPlatformAuditLog = defineRoute({
  method: "GET",
  path: "/api/v1/audit-log",
  tag: "Audit log",
  summary: "Every tenant's audit events and the platform's own (platform staff)",
  description: `${FILTERS} tenant_id: one tenant's events, or platform for events of no tenant. ${PAGING} Needs audit:read.`,
  access: { platform: "audit:read" },
  rateLimit: "tenant_queries",
  query: platformAuditListQuerySchema,
  responses: { 200: { description: "A page of events", data: auditListResponseSchema } },
  errors: [400, 401, 403],
});

/** Seed 002's search path: the platform list under another name. */
export const searchTenantsAuditLog = defineRoute({
  ...listPlatformAuditLog,
  path: "/api/v1/tenants/audit-log/search",
  summary: "Search the audit log across tenants (seed 002; the same as GET /api/v1/audit-log)",
});

export const exportPlatformAuditLog = defineRoute({
  method: "GET",
  path: "/api/v1/audit-log/export",
  tag: "Audit log",
  summary: "Export every tenant's and the platform's audit events (CSV or NDJSON)",
  description: `${EXPORT} ${FILTERS} tenant_id as for the list. format: csv (default) or ndjson. Needs audit:read.`,
  access: { platform: "audit:read" },
  rateLimit: "tenant_queries",
  query: platformAuditExportQuerySchema,
  responses: { 200: { description: "The events, streamed", media: EXPORT_MEDIA } },
  errors: [400, 401, 403],
});
