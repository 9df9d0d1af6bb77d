import { listSecurityAlerts as contract } from "@/lib/api-contracts/security";
import { apiRoute, queryObject } from "@/lib/http/api-route";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { success } from "@/lib/http/respond";
import { listSecurityAlerts } from "@/lib/security-alerts/list-security-alerts";

export const GET = apiRoute(contract, async ({ actor, query }) => {
  if (actor.kind !== "platform") throw new AppError("admin_privileges_required", "Security alerts are for platform staff", { permission: "security:read" });
  return success(await listSecurityAlerts(actor.caller, parseOrThrow(contract.query, queryObject(query))));
});
