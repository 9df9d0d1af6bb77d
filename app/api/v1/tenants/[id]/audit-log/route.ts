import { listTenantAuditLog } from "@/lib/api-contracts/audit";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { apiRoute, queryObject } from "@/lib/http/api-route";
import { parseOrThrow } from "@/lib/http/errors";
import { success } from "@/lib/http/respond";

export const GET = apiRoute(listTenantAuditLog, async ({ actor, params, query }) => {
  const q = parseOrThrow(listTenantAuditLog.query, queryObject(query));
  return success(await listAuditEvents(actor, { kind: "tenant", tenantId: params.id }, q));
});
