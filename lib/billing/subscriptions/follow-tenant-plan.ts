import type { PlanVersionRecord } from "@/lib/billing/plans/plan-versions";
import { insertSubscriptionIfMissing, tenantCurrency } from "@/lib/billing/subscriptions/ensure-subscription";
import type { Tx } from "@/lib/db/prisma";
import type { Tenant } from "@/lib/generated/prisma/client";

/**
 * Keeps the subscription on the plan PUT /tenants/{id} set (staff editing the
 * tenant record directly): the plan's current version and price, without
 * proration. Plan changes that bill the difference go through
 * POST …/subscription/upgrade | downgrade.
 */
export async function followTenantPlan(tx: Tx, tenant: Tenant, version: PlanVersionRecord): Promise<void> {
  await insertSubscriptionIfMissing(tx, tenant);
  await tx.tenantSubscription.update({
    where: { tenantId: tenant.id },
    data: { planKey: version.key, planVersion: version.version, priceMonthlyCents: version.priceMonthlyCents, currency: tenantCurrency(tenant), updatedAt: new Date() },
  });
}
