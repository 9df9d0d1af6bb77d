import { suspendTenant } from "@/lib/api-contracts/tenants";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { changeTenantStatus } from "@/lib/tenants/change-tenant-status";
import { serializeTenant } from "@/lib/tenants/serialize-tenant";

export const POST = apiRoute(suspendTenant, async ({ req, caller, params, input }) => {
  const r = await changeTenantStatus(caller, params.id, "suspend", { ...input, ifMatch: req.headers.get("if-match") });
  return success({ tenant: serializeTenant(r.tenant) }, { headers: { ETag: r.etag } });
});
