import { after } from "next/server";
import { provisionTenantFromTemplate } from "@/lib/api-contracts/templates";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { runTemplateProvisioning, startProvisionFromTemplate } from "@/lib/templates/provision-from-template";
import { provisioningResponse } from "@/lib/tenants/provisioning-response";
import { log } from "@/lib/observability/logger";

/** As POST /tenants: waits for provisioning (201) unless `Prefer: respond-async` (202, poll the tenant). */
export const POST = apiRoute(provisionTenantFromTemplate, async ({ req, caller, input }) => {
  const started = await startProvisionFromTemplate(caller, input);
  const { tenant, admin } = started;
  if (/\brespond-async\b/i.test(req.headers.get("prefer") ?? "")) {
    after(() => runTemplateProvisioning(caller, started).catch((err) => log.error({ component: "provisioning", tenant_id: tenant.id, err }, "provisioning from a template failed")));
    return success(provisioningResponse(tenant, { email: admin.email, name: admin.name, role: "owner" }), {
      status: 202,
      headers: { Location: `/api/v1/tenants/${tenant.id}`, "Preference-Applied": "respond-async" },
    });
  }
  const done = await runTemplateProvisioning(caller, started);
  return success(provisioningResponse(done.tenant, done.adminUser, done.database), { status: 201, headers: { Location: `/api/v1/tenants/${tenant.id}` } });
});
