"use server";

import { after } from "next/server";
import { runAction, type ActionResult } from "@/lib/actions/action-result";
import { actionCaller } from "@/lib/auth/current-caller";
import { parseOrThrow } from "@/lib/http/errors";
import { createTenantSchema } from "@/lib/schemas/tenant";
import { createTenant } from "@/lib/tenants/create-tenant";
import { provisionTenant } from "@/lib/tenants/provision-tenant";

/**
 * Records the tenant and answers at once; the provisioning steps run after
 * the response, and the tenant page shows them live.
 */
export async function createTenantAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return runAction(async () => {
    const caller = await actionCaller();
    const body = parseOrThrow(createTenantSchema, input, "invalid_tenant_config");
    const { tenant, admin } = await createTenant(caller, body);
    after(() => provisionTenant(caller, tenant, admin).catch((err) => console.error(`provisioning ${tenant.id} failed`, err)));
    return { id: tenant.id };
  });
}
