import { withTenantScope } from "@/lib/db/scope";
import { parseOrThrow } from "@/lib/http/errors";
import { runLimitsCheck, type LimitsCheckResult } from "@/lib/limits/run-limits-check";
import { limitsCheckSchema } from "@/lib/schemas/limits";
import { authorizeTenant, type TenantActor } from "@/lib/tenant-access/tenant-actor";

/**
 * POST /tenants/{id}/limits/check. Platform staff with tenants:update (and
 * the hourly job) act on the result: enforce, record crossings and send
 * alerts. Tenant owners, admins and keys with settings:update get a dry run,
 * so a tenant cannot lift its own enforcement or flood its admins.
 */
export async function checkTenantLimits(actor: TenantActor, tenantId: string, body: unknown): Promise<LimitsCheckResult> {
  const input = parseOrThrow(limitsCheckSchema, body ?? {});
  return withTenantScope(tenantId, async (tx) => {
    const access = await authorizeTenant(actor, tenantId, "settings:update", tx);
    const act = actor.kind === "platform" && actor.caller.permissions.has("tenants:update");
    return runLimitsCheck(tx, access.auditCaller, tenantId, { act, input });
  });
}
