import { exportPlatformAuditLog } from "@/lib/api-contracts/audit";
import { auditExportResponse } from "@/lib/audit/audit-export-response";
import { exportAuditEvents } from "@/lib/audit/export-audit-events";
import { apiRoute, queryObject } from "@/lib/http/api-route";
import { parseOrThrow } from "@/lib/http/errors";

export const GET = apiRoute(exportPlatformAuditLog, async ({ actor, query }) => {
  const { format, ...filters } = parseOrThrow(exportPlatformAuditLog.query, queryObject(query));
  return auditExportResponse(await exportAuditEvents(actor, { kind: "platform" }, filters, format));
});
