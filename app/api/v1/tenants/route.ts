import { after } from "next/server";
import { createTenant as createContract, listTenants as listContract } from "@/lib/api-contracts/tenants";
import { apiRoute, queryObject } from "@/lib/http/api-route";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { success } from "@/lib/http/respond";
import { createTenant } from "@/lib/tenants/create-tenant";
import { listTenants } from "@/lib/tenants/list-tenants";
import { provisionTenant } from "@/lib/tenants/provision-tenant";
import { provisioningResponse } from "@/lib/tenants/provisioning-response";
import { log } from "@/lib/observability/logger";

export const GET = apiRoute(listContract, async ({ caller, query }) => {
  const q = parseOrThrow(listContract.query, queryObject(query));
  if (query.has("cursor") && query.has("page")) {
    throw new AppError("invalid_request", "Send either page or cursor: a cursor already says which page comes next", [{ path: "cursor", message: "Not together with page" }]);
  }
  return success(await listTenants(caller, q));
});

/**
 * Creates and provisions a tenant. By default the response waits for
 * provisioning (201, status active). With `Prefer: respond-async` it answers
 * 202 at once and provisioning continues; poll the tenant for progress.
 */
export const POST = apiRoute(createContract, async ({ req, caller, input }) => {
  const { tenant, admin } = await createTenant(caller, input);
  if (/\brespond-async\b/i.test(req.headers.get("prefer") ?? "")) {
    after(() => provisionTenant(caller, tenant, admin).catch((err) => log.error({ component: "provisioning", tenant_id: tenant.id, err }, "provisioning failed")));
    return success(provisioningResponse(tenant, { email: admin.email, name: admin.name, role: "owner" }), {
      status: 202,
      headers: { Location: `/api/v1/tenants/${tenant.id}`, "Preference-Applied": "respond-async" },
    });
  }
  const done = await provisionTenant(caller, tenant, admin);
  return success(provisioningResponse(done.tenant, done.adminUser, done.database), { status: 201, headers: { Location: `/api/v1/tenants/${tenant.id}` } });
});
