import type { Caller } from "@/lib/auth/caller";
import { billingPeriodOf } from "@/lib/billing/billing-period";
import { getPlanVersion, type PlanVersionRecord } from "@/lib/billing/plans/plan-versions";
import { lockSubscription, tenantCurrency } from "@/lib/billing/subscriptions/ensure-subscription";
import { assertUsageFits, currentUsage } from "@/lib/billing/subscriptions/plan-fit";
import { prorate, prorationTotal, type ProrationLine } from "@/lib/billing/subscriptions/prorate";
import { recordProration } from "@/lib/billing/subscriptions/record-proration";
import { addOnsOf, effectiveLimits } from "@/lib/billing/subscriptions/subscription-record";
import type { Tx } from "@/lib/db/prisma";
import { publishEvent } from "@/lib/events/publish-event";
import type { TenantSubscription } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/http/errors";
import { PLANS, type Plan } from "@/lib/tenants/plans";
import { tenantFeatures, tenantLimits } from "@/lib/tenants/serialize-tenant";
import { syncTenantDbRole } from "@/lib/tenants/tenant-db-role";
import { lockTenant } from "@/lib/tenants/update-tenant";

export type PlanChange = {
  plan: Plan;
  /** When the change takes effect (proration is to the day); now when left out. */
  at?: Date;
  /** Refuse a change the other way (POST …/upgrade must not lower the plan). */
  direction?: "upgrade" | "downgrade";
  /** Why, for the audit trail (a trial's end, a bulk operation). */
  reason?: string;
  /** Move even when usage exceeds the new limits (a trial's end must happen; the limits checks then alert). */
  allowOverLimits?: boolean;
  /** Merged into the event's `after` (bulk operations put their id here). */
  auditExtra?: Record<string, unknown>;
};

export type PlanChangeResult = { changed: boolean; from: Plan; proration: ProrationLine[]; subscription: TenantSubscription; version: PlanVersionRecord };

export const planRank = (p: Plan) => PLANS.indexOf(p);

/**
 * Moves a tenant to the current version of `plan`, in the caller's
 * transaction: tenants.plan with the new version's limits (plus the
 * subscription's add-ons) and features, as a plan change through PUT /tenants
 * resets them; the subscription's plan, version and price; the prorated
 * credit and charge as pending charges for the next invoice (none during a
 * trial, which is free); and subscription.changed. Refused (409) when current
 * usage exceeds the new limits. Changing to the plan it is on changes nothing.
 * The caller authorises; bulk operations and the trial job call it directly.
 */
export async function changeSubscriptionPlanInTx(tx: Tx, caller: Caller, tenantId: string, change: PlanChange): Promise<PlanChangeResult> {
  const at = change.at ?? new Date();
  const tenant = await lockTenant(tx, tenantId);
  if (tenant.status === "provisioning" || tenant.status === "pending_deletion") {
    throw new AppError("invalid_state", `The plan of a tenant that is ${tenant.status.replace("_", " ")} cannot be changed`);
  }
  const sub = await lockSubscription(tx, tenant);
  const from = sub.planKey as Plan;
  const target = await getPlanVersion(change.plan, undefined, tx);
  if (from === change.plan) return { changed: false, from, proration: [], subscription: sub, version: target };
  if (change.direction === "upgrade" && planRank(change.plan) < planRank(from)) {
    throw new AppError("invalid_request", `plan: ${change.plan} is below the current plan (${from}); use the downgrade`, [{ path: "plan", message: `Below the current plan (${from})` }]);
  }
  if (change.direction === "downgrade" && planRank(change.plan) > planRank(from)) {
    throw new AppError("invalid_request", `plan: ${change.plan} is above the current plan (${from}); use the upgrade`, [{ path: "plan", message: `Above the current plan (${from})` }]);
  }

  const addOns = addOnsOf(sub);
  const limits = effectiveLimits(target.limits, addOns);
  if (!change.allowOverLimits) assertUsageFits(await currentUsage(tx, tenantId, at), limits, target.name);

  // A period that ended without the invoicing job moving it on is the current month's.
  const period = at >= sub.currentPeriodEnd ? billingPeriodOf(at) : { start: sub.currentPeriodStart, end: sub.currentPeriodEnd };
  const fromName = (await getPlanVersion(from, sub.planVersion, tx)).name;
  const proration =
    sub.status === "trialing" ? [] : prorate({ fromCents: sub.priceMonthlyCents, toCents: target.priceMonthlyCents, periodStart: period.start, periodEnd: period.end, at, fromLabel: fromName, toLabel: target.name });
  const currency = tenantCurrency(tenant);

  const beforeLimits = tenantLimits(tenant);
  await tx.tenant.update({ where: { id: tenantId }, data: { plan: change.plan, limits, features: target.features, version: { increment: 1 }, updatedAt: at } });
  if (beforeLimits.database_connections !== limits.database_connections) await syncTenantDbRole(tx, tenantId);
  const updated = await tx.tenantSubscription.update({
    where: { tenantId },
    data: { planKey: change.plan, planVersion: target.version, priceMonthlyCents: target.priceMonthlyCents, currency, currentPeriodStart: period.start, currentPeriodEnd: period.end, updatedAt: at },
  });
  await recordProration(tx, tenantId, currency, proration);
  await publishEvent(tx, caller, {
    tenantId,
    action: "subscription.changed",
    targetType: "tenant",
    targetId: tenantId,
    targetLabel: tenant.name,
    before: { plan: from, plan_version: sub.planVersion, price_monthly_cents: sub.priceMonthlyCents, limits: beforeLimits, features: tenantFeatures(tenant) },
    after: {
      plan: change.plan,
      plan_version: target.version,
      price_monthly_cents: target.priceMonthlyCents,
      currency,
      limits,
      features: target.features,
      proration_total_cents: prorationTotal(proration),
      ...(change.reason ? { reason: change.reason } : {}),
      ...change.auditExtra,
    },
  });
  return { changed: true, from, proration, subscription: updated, version: target };
}
