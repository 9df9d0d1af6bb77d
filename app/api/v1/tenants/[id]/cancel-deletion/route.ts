import { cancelTenantDeletion as contract } from "@/lib/api-contracts/tenants";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { serializeTenant } from "@/lib/tenants/serialize-tenant";
import { cancelTenantDeletion } from "@/lib/tenants/tenant-deletion";

export const POST = apiRoute(contract, async ({ req, caller, params }) => {
  const r = await cancelTenantDeletion(caller, params.id, { ifMatch: req.headers.get("if-match") });
  return success({ tenant: serializeTenant(r.tenant), deletion_status: "cancelled" }, { headers: { ETag: r.etag } });
});
