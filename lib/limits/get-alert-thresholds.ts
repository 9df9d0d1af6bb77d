import { withTenantScope } from "@/lib/db/scope";
import { readAlertThresholds } from "@/lib/limits/alert-thresholds";
import type { AlertThresholds } from "@/lib/schemas/limits";
import { authorizeTenant, type TenantActor } from "@/lib/tenant-access/tenant-actor";

export async function getAlertThresholds(actor: TenantActor, tenantId: string): Promise<AlertThresholds> {
  return withTenantScope(tenantId, async (tx) => {
    await authorizeTenant(actor, tenantId, "usage:read", tx);
    return readAlertThresholds(tx, tenantId);
  });
}
