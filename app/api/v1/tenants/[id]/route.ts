import { apiRoute, queryObject } from "@/lib/http/api-route";
import { parseOrThrow } from "@/lib/http/errors";
import { success } from "@/lib/http/respond";
import { deleteTenantQuerySchema, updateTenantSchema } from "@/lib/schemas/tenant";
import { getTenant } from "@/lib/tenants/get-tenant";
import { scheduleTenantDeletion } from "@/lib/tenants/tenant-deletion";
import { updateTenant } from "@/lib/tenants/update-tenant";

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ caller, params }) => {
  const { etag, body } = await getTenant(caller, params.id);
  return success(body, { headers: { ETag: etag } });
}, { access: { platform: "tenants:read" } });

export const PUT = apiRoute<Params>(async ({ req, caller, params, body }) => {
  const input = parseOrThrow(updateTenantSchema, body, "invalid_tenant_config");
  const r = await updateTenant(caller, params.id, input, { ifMatch: req.headers.get("if-match") });
  return success(
    { tenant: { id: r.tenant.id, updated_at: r.tenant.updatedAt.toISOString() }, changes_applied: r.changes_applied, restart_required: false },
    { headers: { ETag: r.etag } },
  );
}, { access: { platform: "tenants:update" } });

export const DELETE = apiRoute<Params>(async ({ req, caller, params, query }) => {
  const q = parseOrThrow(deleteTenantQuerySchema, queryObject(query));
  const r = await scheduleTenantDeletion(caller, params.id, q.grace_period_days, { ifMatch: req.headers.get("if-match") });
  return success(r.body, { headers: { ETag: r.etag } });
}, { access: { platform: "tenants:delete" } });
