import { billingPeriodOf } from "@/lib/billing/billing-period";
import { getPlanVersion } from "@/lib/billing/plans/plan-versions";
import type { Tx } from "@/lib/db/prisma";
import type { Tenant, TenantSubscription } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/http/errors";
import type { Plan } from "@/lib/tenants/plans";

export const tenantCurrency = (tenant: Pick<Tenant, "settings">) => ((tenant.settings as { currency?: unknown } | null)?.currency as string | undefined) || "USD";

/**
 * Inserts the subscription a tenant's plan implies (current plan version, its
 * price, the tenant's currency, this calendar month; trialing while the tenant
 * has a trial end ahead), unless it has one. createTenant calls it; reads call
 * it too, so a tenant made by any other path (an import) gets its row on first use.
 */
export async function insertSubscriptionIfMissing(tx: Tx, tenant: Tenant, now = new Date()): Promise<void> {
  const version = await getPlanVersion(tenant.plan as Plan, undefined, tx);
  const period = billingPeriodOf(now);
  const trialing = tenant.isTrial && tenant.trialEndsAt !== null && tenant.trialEndsAt > now;
  await tx.$executeRaw`
    INSERT INTO tenant_subscriptions (tenant_id, plan_key, plan_version, price_monthly_cents, currency, status, trial_ends_at, current_period_start, current_period_end)
    VALUES (${tenant.id}, ${version.key}, ${version.version}, ${version.priceMonthlyCents}, ${tenantCurrency(tenant)}, ${trialing ? "trialing" : "active"},
            ${trialing ? tenant.trialEndsAt : null}, ${period.start}, ${period.end})
    ON CONFLICT (tenant_id) DO NOTHING`;
}

/** The tenant's subscription, created first when it has none (see insertSubscriptionIfMissing). */
export async function readSubscriptionRow(tx: Tx, tenantId: string): Promise<TenantSubscription> {
  const found = await tx.tenantSubscription.findUnique({ where: { tenantId } });
  if (found) return found;
  const tenant = await tx.tenant.findUnique({ where: { id: tenantId } });
  if (!tenant) throw new AppError("tenant_not_found", `No tenant with id ${tenantId}`);
  await insertSubscriptionIfMissing(tx, tenant);
  return tx.tenantSubscription.findUniqueOrThrow({ where: { tenantId } });
}

/** The subscription row locked for the rest of the transaction (plan changes, add-ons and the trial job serialise on it). Lock the tenant first. */
export async function lockSubscription(tx: Tx, tenant: Tenant): Promise<TenantSubscription> {
  const lock = () => tx.$queryRaw<{ tenant_id: string }[]>`SELECT tenant_id FROM tenant_subscriptions WHERE tenant_id = ${tenant.id} FOR UPDATE`;
  if ((await lock()).length === 0) {
    await insertSubscriptionIfMissing(tx, tenant);
    await lock();
  }
  return tx.tenantSubscription.findUniqueOrThrow({ where: { tenantId: tenant.id } });
}
