import "server-only";
import { getAlertThresholds } from "@/lib/limits/get-alert-thresholds";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";
import { getTenantUsage } from "@/lib/tenants/get-tenant-usage";
import type { LimitsUsage } from "@/lib/usage/usage-dashboard-data";

/** Usage now against each limit (the usage API's `limits`, which authorises usage:read) and the alert thresholds. */
export async function loadLimitsUsage(actor: TenantActor, tenantId: string): Promise<LimitsUsage> {
  const usage = await getTenantUsage(actor, tenantId, { period: "24h", metrics: ["database", "storage", "api"], include_projections: false });
  return { limits: usage.limits, thresholds: await getAlertThresholds(actor, tenantId) };
}
