import { getPlanVersion } from "@/lib/billing/plans/plan-versions";
import { authorizeBilling } from "@/lib/billing/subscriptions/authorize-billing";
import { changeSubscriptionPlanInTx } from "@/lib/billing/subscriptions/change-subscription-plan";
import { lockSubscription } from "@/lib/billing/subscriptions/ensure-subscription";
import { readSubscription } from "@/lib/billing/subscriptions/get-subscription";
import { DAY_MS } from "@/lib/billing/billing-period";
import { withTenantScope } from "@/lib/db/scope";
import { publishEvent } from "@/lib/events/publish-event";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { startTrialSchema, trialSettingsSchema, type SubscriptionView } from "@/lib/schemas/billing";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";
import { lockTenant } from "@/lib/tenants/update-tenant";

/**
 * POST …/subscription/trial: the tenant tries `plan` free for `days` (the plan
 * version's trial_days when left out). The plan change is made now, without
 * proration (a trial is free); the trial job ends it by its trial_end_action.
 * A tenant already in a trial is a 409: change its action instead.
 */
export async function startTrial(actor: TenantActor, tenantId: string, body: unknown, now = new Date()): Promise<SubscriptionView> {
  const input = parseOrThrow(startTrialSchema, body);
  return withTenantScope(tenantId, async (tx) => {
    const access = await authorizeBilling(actor, tenantId, "change", tx);
    const tenant = await lockTenant(tx, tenantId);
    const sub = await lockSubscription(tx, tenant);
    if (sub.status === "trialing") throw new AppError("invalid_state", `The tenant is already in a trial until ${sub.trialEndsAt?.toISOString()}`);
    const version = await getPlanVersion(input.plan, undefined, tx);
    const days = input.days ?? version.trialDays;
    if (days < 1) throw new AppError("invalid_request", `days: ${version.name} offers no trial; give days`, [{ path: "days", message: "This plan offers no trial; give the number of days" }]);
    const trialEndsAt = new Date(now.getTime() + days * DAY_MS);
    // Trialing first, so the plan change below carries no proration.
    await tx.tenantSubscription.update({
      where: { tenantId },
      data: { status: "trialing", trialEndsAt, trialEndAction: input.trial_end_action ?? sub.trialEndAction, trialReminder7SentAt: null, trialReminder1SentAt: null, updatedAt: now },
    });
    await changeSubscriptionPlanInTx(tx, access.auditCaller, tenantId, { plan: input.plan, at: now, reason: "trial" });
    await tx.tenant.update({ where: { id: tenantId }, data: { isTrial: true, trialEndsAt } });
    const after = await readSubscription(tx, tenantId);
    await publishEvent(tx, access.auditCaller, {
      tenantId,
      action: "subscription.trial_started",
      targetType: "tenant",
      targetId: tenantId,
      targetLabel: tenant.name,
      before: { plan: sub.planKey, status: sub.status },
      after: { plan: input.plan, trial_ends_at: after.trial_ends_at, trial_end_action: after.trial_end_action, days },
    });
    return after;
  });
}

/** PUT …/subscription/trial: what happens when the trial ends (convert, downgrade or suspend). */
export async function updateTrialSettings(actor: TenantActor, tenantId: string, body: unknown): Promise<SubscriptionView> {
  const input = parseOrThrow(trialSettingsSchema, body);
  return withTenantScope(tenantId, async (tx) => {
    const access = await authorizeBilling(actor, tenantId, "change", tx);
    const tenant = await lockTenant(tx, tenantId);
    const sub = await lockSubscription(tx, tenant);
    if (sub.trialEndAction === input.trial_end_action) return readSubscription(tx, tenantId);
    await tx.tenantSubscription.update({ where: { tenantId }, data: { trialEndAction: input.trial_end_action, updatedAt: new Date() } });
    await publishEvent(tx, access.auditCaller, {
      tenantId,
      action: "subscription.trial_updated",
      targetType: "tenant",
      targetId: tenantId,
      targetLabel: tenant.name,
      before: { trial_end_action: sub.trialEndAction },
      after: { trial_end_action: input.trial_end_action },
    });
    return readSubscription(tx, tenantId);
  });
}
