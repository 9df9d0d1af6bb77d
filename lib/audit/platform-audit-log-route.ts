import { listPlatformAuditLog, searchTenantsAuditLog } from "@/lib/api-contracts/audit";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { apiRoute, queryObject } from "@/lib/http/api-route";
import { parseOrThrow } from "@/lib/http/errors";
import { success } from "@/lib/http/respond";

/** GET /api/v1/audit-log and seed 002's GET /api/v1/tenants/audit-log/search: one handler, two contracts. */
export function platformAuditLogRoute(contract: typeof listPlatformAuditLog | typeof searchTenantsAuditLog) {
  return apiRoute(contract, async ({ actor, query }) => {
    const q = parseOrThrow(contract.query, queryObject(query));
    return success(await listAuditEvents(actor, { kind: "platform" }, q));
  });
}
