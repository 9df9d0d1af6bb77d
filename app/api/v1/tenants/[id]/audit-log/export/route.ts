import { exportTenantAuditLog } from "@/lib/api-contracts/audit";
import { auditExportResponse } from "@/lib/audit/audit-export-response";
import { exportAuditEvents } from "@/lib/audit/export-audit-events";
import { apiRoute, queryObject } from "@/lib/http/api-route";
import { parseOrThrow } from "@/lib/http/errors";

export const GET = apiRoute(exportTenantAuditLog, async ({ actor, params, query }) => {
  const { format, ...filters } = parseOrThrow(exportTenantAuditLog.query, queryObject(query));
  return auditExportResponse(await exportAuditEvents(actor, { kind: "tenant", tenantId: params.id }, filters, format));
});
