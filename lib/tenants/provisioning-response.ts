import type { Tenant } from "@/lib/generated/prisma/client";
import { provisioningSummary, serializeTenant, type ProvisioningState } from "@/lib/tenants/serialize-tenant";

type AdminUser = { id: string; email: string; name: string; role: string } | { email: string; name: string; role: string };

/** Seed 000's create-tenant response, filled with what really happened so far. */
export function provisioningResponse(tenant: Tenant, adminUser: AdminUser, database?: ProvisioningState["database"]) {
  const state = tenant.provisioning as unknown as ProvisioningState;
  const summary = provisioningSummary(state)!;
  return {
    tenant: serializeTenant(tenant),
    admin_user: adminUser,
    database: database ?? state.database ?? { schema_created: false, migrations_applied: false, migrations: [], extensions_enabled: [] },
    provisioning: {
      status: summary.status,
      started_at: summary.started_at,
      completed_at: summary.completed_at,
      steps_completed: summary.steps_completed,
      steps_remaining: summary.steps_remaining,
      status_url: `/api/v1/tenants/${tenant.id}`,
    },
  };
}
