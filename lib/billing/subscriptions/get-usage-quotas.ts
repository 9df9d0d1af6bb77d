import { authorizeBilling } from "@/lib/billing/subscriptions/authorize-billing";
import { readSubscription } from "@/lib/billing/subscriptions/get-subscription";
import { currentUsage } from "@/lib/billing/subscriptions/plan-fit";
import { withTenantScope } from "@/lib/db/scope";
import type { usageQuotaSchema } from "@/lib/schemas/billing";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";
import { LIMIT_KEYS, LIMIT_LABELS } from "@/lib/tenants/plans";
import { tenantLimits, usagePercent } from "@/lib/tenants/serialize-tenant";
import type { z } from "zod";

export type UsageQuota = z.infer<typeof usageQuotaSchema>;

/**
 * GET …/usage-quotas: each limit the tenant has (its stored limits: the plan's
 * plus add-ons), what is used of it and the percentage. Usage comes from the
 * reader the tenant list and the limits checks use; a limit nothing measures
 * (custom integrations, bandwidth here) shows used null.
 */
export async function getUsageQuotas(actor: TenantActor, tenantId: string, now = new Date()): Promise<{ quotas: UsageQuota[] }> {
  return withTenantScope(tenantId, async (tx) => {
    await authorizeBilling(actor, tenantId, "read", tx);
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId } });
    const subscription = await readSubscription(tx, tenantId);
    const usage = await currentUsage(tx, tenantId, now);
    const limits = tenantLimits(tenant);
    const used: Partial<Record<(typeof LIMIT_KEYS)[number], number>> = {
      users: usage.users,
      storage_gb: usage.storageGb,
      api_calls_per_day: usage.apiCallsToday,
      database_connections: usage.dbConnections,
    };
    const addOn = { users: subscription.add_ons.extra_seats, storage_gb: subscription.add_ons.extra_storage_gb } as Partial<Record<string, number>>;
    return {
      quotas: LIMIT_KEYS.map((limit) => {
        const value = used[limit] ?? null;
        return { limit, label: LIMIT_LABELS[limit], used: value, limit_value: limits[limit], add_on: addOn[limit] ?? 0, percent: value === null ? null : usagePercent(value, limits[limit]) };
      }),
    };
  });
}
