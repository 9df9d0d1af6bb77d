import { deleteTenant, getTenant as getContract, updateTenant as updateContract } from "@/lib/api-contracts/tenants";
import { apiRoute, queryObject } from "@/lib/http/api-route";
import { parseOrThrow } from "@/lib/http/errors";
import { success } from "@/lib/http/respond";
import { getTenant } from "@/lib/tenants/get-tenant";
import { scheduleTenantDeletion } from "@/lib/tenants/tenant-deletion";
import { updateTenant } from "@/lib/tenants/update-tenant";

export const GET = apiRoute(getContract, async ({ caller, params }) => {
  const { etag, body } = await getTenant(caller, params.id);
  return success(body, { headers: { ETag: etag } });
});

export const PUT = apiRoute(updateContract, async ({ req, caller, params, input }) => {
  const r = await updateTenant(caller, params.id, input, { ifMatch: req.headers.get("if-match") });
  return success(
    { tenant: { id: r.tenant.id, updated_at: r.tenant.updatedAt.toISOString() }, changes_applied: r.changes_applied, restart_required: false },
    { headers: { ETag: r.etag } },
  );
});

export const DELETE = apiRoute(deleteTenant, async ({ req, caller, params, query }) => {
  const q = parseOrThrow(deleteTenant.query, queryObject(query));
  const r = await scheduleTenantDeletion(caller, params.id, q.grace_period_days, { ifMatch: req.headers.get("if-match") });
  return success(r.body, { headers: { ETag: r.etag } });
});
