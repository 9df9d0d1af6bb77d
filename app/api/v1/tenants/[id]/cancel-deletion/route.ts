import { apiRoute } from "@/lib/http/api-route";
import { parseOrThrow } from "@/lib/http/errors";
import { success } from "@/lib/http/respond";
import { emptyBodySchema } from "@/lib/schemas/tenant";
import { serializeTenant } from "@/lib/tenants/serialize-tenant";
import { cancelTenantDeletion } from "@/lib/tenants/tenant-deletion";

export const POST = apiRoute<{ id: string }>(async ({ req, caller, params, body }) => {
  parseOrThrow(emptyBodySchema, body);
  const r = await cancelTenantDeletion(caller, params.id, { ifMatch: req.headers.get("if-match") });
  return success({ tenant: serializeTenant(r.tenant), deletion_status: "cancelled" }, { headers: { ETag: r.etag } });
}, { access: { platform: "tenants:delete" } });
