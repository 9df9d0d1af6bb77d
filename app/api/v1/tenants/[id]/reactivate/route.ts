import { apiRoute } from "@/lib/http/api-route";
import { parseOrThrow } from "@/lib/http/errors";
import { success } from "@/lib/http/respond";
import { emptyBodySchema } from "@/lib/schemas/tenant";
import { changeTenantStatus } from "@/lib/tenants/change-tenant-status";
import { serializeTenant } from "@/lib/tenants/serialize-tenant";

export const POST = apiRoute<{ id: string }>(async ({ req, caller, params, body }) => {
  const input = parseOrThrow(emptyBodySchema, body);
  const r = await changeTenantStatus(caller, params.id, "reactivate", { ...input, ifMatch: req.headers.get("if-match") });
  return success({ tenant: serializeTenant(r.tenant) }, { headers: { ETag: r.etag } });
}, { access: { platform: "tenants:suspend" } });
