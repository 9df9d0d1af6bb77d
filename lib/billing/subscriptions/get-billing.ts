import { billingPeriodOf } from "@/lib/billing/billing-period";
import { authorizeBilling } from "@/lib/billing/subscriptions/authorize-billing";
import { readSubscription } from "@/lib/billing/subscriptions/get-subscription";
import { withTenantScope } from "@/lib/db/scope";
import type { billingOverviewSchema } from "@/lib/schemas/billing";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";
import type { z } from "zod";

export type BillingOverview = z.infer<typeof billingOverviewSchema>;

/**
 * GET …/billing: the subscription, what the next invoice will carry so far
 * (the plan, unless in a trial, the add-ons and the pending charges such as
 * prorations; metered overage is added when the invoice is made) and the
 * payment provider. No processor is connected: payment is "manual"
 * (invoices are marked paid by hand in the console).
 */
export async function getBilling(actor: TenantActor, tenantId: string, now = new Date()): Promise<BillingOverview> {
  return withTenantScope(tenantId, async (tx) => {
    await authorizeBilling(actor, tenantId, "read", tx);
    const subscription = await readSubscription(tx, tenantId);
    const pending = await tx.billingPendingCharge.aggregate({ where: { tenantId, invoiceId: null }, _sum: { amountCents: true } });
    const periodEnd = new Date(subscription.current_period_end);
    const period = now >= periodEnd ? billingPeriodOf(now) : { start: new Date(subscription.current_period_start), end: periodEnd };
    const planCents = subscription.status === "active" ? subscription.price_monthly_cents : 0;
    const addOnsCents = subscription.status === "canceled" ? 0 : subscription.add_ons_monthly_cents;
    const pendingCents = pending._sum.amountCents ?? 0;
    return {
      subscription,
      next_invoice_estimate: {
        period_start: period.start.toISOString(),
        period_end: period.end.toISOString(),
        currency: subscription.currency,
        plan_cents: planCents,
        add_ons_cents: addOnsCents,
        pending_charges_cents: pendingCents,
        total_cents: planCents + addOnsCents + pendingCents,
      },
      payment_provider: { name: "manual", status: "manual" },
    };
  });
}
