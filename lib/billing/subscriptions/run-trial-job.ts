import { systemCaller } from "@/lib/auth/caller";
import { billingPeriodOf, DAY_MS } from "@/lib/billing/billing-period";
import { getPlanVersion } from "@/lib/billing/plans/plan-versions";
import { changeSubscriptionPlanInTx } from "@/lib/billing/subscriptions/change-subscription-plan";
import { lockSubscription } from "@/lib/billing/subscriptions/ensure-subscription";
import { prorate } from "@/lib/billing/subscriptions/prorate";
import { recordProration } from "@/lib/billing/subscriptions/record-proration";
import { trialReminderEmail } from "@/lib/billing/subscriptions/trial-reminder-email";
import type { Tx } from "@/lib/db/prisma";
import { withPlatformScope } from "@/lib/db/scope";
import { primaryDomainHost } from "@/lib/domains/primary-domain";
import { publishEvent } from "@/lib/events/publish-event";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import type { TrialEndAction } from "@/lib/schemas/billing";
import { changeTenantStatusInTx } from "@/lib/tenants/change-tenant-status";
import type { Plan } from "@/lib/tenants/plans";
import { lockTenant } from "@/lib/tenants/update-tenant";

const caller = systemCaller("trial job");

export type TrialJobResult = { reminders: number; ended: { tenant_id: string; action: TrialEndAction }[]; failed: { tenant_id: string; error: string }[] };

/**
 * The daily trial job: mails the 7-day and 1-day reminders (each once: the
 * sent_at column is claimed with the mail in one transaction), then ends every
 * trial that is due by its trial_end_action. Each tenant in its own
 * transaction, so one failure leaves the others done. `now` is a parameter so
 * tests can run it on a fixed clock.
 */
export async function runTrialJob(now = new Date()): Promise<TrialJobResult> {
  const result: TrialJobResult = { reminders: 0, ended: [], failed: [] };
  const due = await withPlatformScope((tx) =>
    tx.tenantSubscription.findMany({ where: { status: "trialing", trialEndsAt: { lte: new Date(now.getTime() + 7 * DAY_MS) } }, select: { tenantId: true, trialEndsAt: true }, orderBy: { trialEndsAt: "asc" } }),
  );
  for (const { tenantId, trialEndsAt } of due) {
    try {
      if (trialEndsAt! <= now) {
        const action = await withPlatformScope((tx) => endTrial(tx, tenantId, now));
        if (action) result.ended.push({ tenant_id: tenantId, action });
      } else {
        result.reminders += await withPlatformScope((tx) => remind(tx, tenantId, now));
      }
    } catch (err) {
      result.failed.push({ tenant_id: tenantId, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return result;
}

/** Claims and mails the reminder that is due, in the same transaction as the claim. */
async function remind(tx: Tx, tenantId: string, now: Date): Promise<number> {
  const tenant = await lockTenant(tx, tenantId);
  const sub = await lockSubscription(tx, tenant);
  if (sub.status !== "trialing" || !sub.trialEndsAt || sub.trialEndsAt <= now) return 0;
  const left = sub.trialEndsAt.getTime() - now.getTime();
  // Each reminder has its day: the 7-day one goes between 7 and 6 days before (a trial shorter than that gets only the last one).
  const daysLeft: 7 | 1 | null = left <= DAY_MS ? (sub.trialReminder1SentAt ? null : 1) : left <= 7 * DAY_MS && left > 6 * DAY_MS && !sub.trialReminder7SentAt ? 7 : null;
  if (daysLeft === null) return 0;
  await tx.tenantSubscription.update({
    where: { tenantId },
    data: daysLeft === 1 ? { trialReminder1SentAt: now, trialReminder7SentAt: sub.trialReminder7SentAt ?? now } : { trialReminder7SentAt: now },
  });
  const recipients = await tx.membership.findMany({ where: { tenantId, status: "active", role: { in: ["owner", "admin"] } }, select: { user: { select: { email: true } } }, orderBy: { userId: "asc" } });
  const plan = await getPlanVersion(sub.planKey as Plan, sub.planVersion, tx);
  const mail = trialReminderEmail({
    tenant: { name: tenant.name, slug: tenant.slug, branding: tenant.branding, primaryDomain: await primaryDomainHost(tx, tenantId) },
    planName: plan.name,
    endsAt: sub.trialEndsAt,
    daysLeft,
    action: sub.trialEndAction as TrialEndAction,
  });
  for (const r of recipients) await enqueueMail(tx, { tenantId, to: r.user.email, subject: mail.subject, html: mail.html, text: mail.text, kind: "trial_reminder" });
  return recipients.length;
}

/**
 * Ends one due trial. convert: the trial's plan, paid from today (a prorated
 * charge for the rest of the period); downgrade: basic, paid from today (a
 * tenant over basic's limits is still moved: a trial must end, and the limits
 * checks then alert); suspend: the tenant is suspended with the reason, and
 * the subscription canceled.
 */
async function endTrial(tx: Tx, tenantId: string, now: Date): Promise<TrialEndAction | null> {
  const tenant = await lockTenant(tx, tenantId);
  const sub = await lockSubscription(tx, tenant);
  if (sub.status !== "trialing" || !sub.trialEndsAt || sub.trialEndsAt > now) return null;
  const action = sub.trialEndAction as TrialEndAction;
  const trialPlan = sub.planKey as Plan;
  if (action === "downgrade") await changeSubscriptionPlanInTx(tx, caller, tenantId, { plan: "basic", at: now, reason: "trial ended", allowOverLimits: true });
  const after = await tx.tenantSubscription.findUniqueOrThrow({ where: { tenantId } });
  if (action === "suspend") {
    await tx.tenantSubscription.update({ where: { tenantId }, data: { status: "canceled", updatedAt: now } });
    if (tenant.status === "active") await changeTenantStatusInTx(tx, caller, tenantId, "suspend", { reason: `The ${trialPlan} trial ended` });
  } else {
    // Paid from today: a period the invoicing job has not moved on yet is the current month's.
    const period = now >= after.currentPeriodEnd ? billingPeriodOf(now) : { start: after.currentPeriodStart, end: after.currentPeriodEnd };
    await tx.tenantSubscription.update({ where: { tenantId }, data: { status: "active", trialEndsAt: null, currentPeriodStart: period.start, currentPeriodEnd: period.end, updatedAt: now } });
    const version = await getPlanVersion(after.planKey as Plan, after.planVersion, tx);
    const lines = prorate({ fromCents: 0, toCents: after.priceMonthlyCents, periodStart: period.start, periodEnd: period.end, at: now, toLabel: version.name });
    await recordProration(tx, tenantId, after.currency, lines);
  }
  await tx.tenant.update({ where: { id: tenantId }, data: { isTrial: false, trialEndsAt: null } });
  await publishEvent(tx, caller, {
    tenantId,
    action: "subscription.trial_ended",
    targetType: "tenant",
    targetId: tenantId,
    targetLabel: tenant.name,
    before: { plan: trialPlan, status: "trialing", trial_ends_at: sub.trialEndsAt.toISOString() },
    after: { action, plan: after.planKey, status: action === "suspend" ? "canceled" : "active" },
  });
  return action;
}
