import type { TenantSubscription } from "@/lib/generated/prisma/client";
import type { PlanVersionRecord } from "@/lib/billing/plans/plan-versions";
import type { AddOns, SubscriptionView, TrialEndAction } from "@/lib/schemas/billing";
import type { Limits, Plan } from "@/lib/tenants/plans";

export const NO_ADD_ONS: AddOns = { extra_seats: 0, extra_storage_gb: 0 };

export const addOnsOf = (sub: Pick<TenantSubscription, "addOns">): AddOns => ({ ...NO_ADD_ONS, ...(sub.addOns as Partial<AddOns>) });

/** The monthly price of the add-ons at the subscription's plan version's prices. */
export const addOnsMonthlyCents = (addOns: AddOns, version: PlanVersionRecord) =>
  addOns.extra_seats * version.addOnPrices.seat_cents + addOns.extra_storage_gb * version.addOnPrices.storage_gb_cents;

/** The limits a tenant gets: the plan version's, plus extra seats and storage (unlimited stays unlimited). */
export function effectiveLimits(planLimits: Limits, addOns: AddOns): Limits {
  const plus = (v: number | null, extra: number) => (v === null ? null : v + extra);
  return { ...planLimits, users: plus(planLimits.users, addOns.extra_seats), storage_gb: plus(planLimits.storage_gb, addOns.extra_storage_gb) };
}

export function subscriptionView(sub: TenantSubscription, version: PlanVersionRecord, currentVersion: number): SubscriptionView {
  const addOns = addOnsOf(sub);
  return {
    tenant_id: sub.tenantId,
    plan: sub.planKey as Plan,
    plan_name: version.name,
    plan_version: sub.planVersion,
    current_plan_version: currentVersion,
    price_monthly_cents: sub.priceMonthlyCents,
    currency: sub.currency,
    status: sub.status as SubscriptionView["status"],
    trial_ends_at: sub.trialEndsAt?.toISOString() ?? null,
    trial_end_action: sub.trialEndAction as TrialEndAction,
    current_period_start: sub.currentPeriodStart.toISOString(),
    current_period_end: sub.currentPeriodEnd.toISOString(),
    add_ons: addOns,
    add_on_prices: version.addOnPrices,
    add_ons_monthly_cents: addOnsMonthlyCents(addOns, version),
    updated_at: sub.updatedAt.toISOString(),
  };
}
