import { getPlanVersion } from "@/lib/billing/plans/plan-versions";
import { getSubscription } from "@/lib/billing/subscriptions/get-subscription";
import type { Tx } from "@/lib/db/prisma";
import type { Limits } from "@/lib/tenants/plans";
import { readUsageTotals } from "@/lib/usage/read-usage";
import type { InvoiceInputs } from "./compute-invoice-lines";
import { formatPeriod, type InvoicePeriod } from "./invoice-period";

const BYTES_PER_GB = 1024 ** 3; // as the storage limit counts (lib/limits/measure-limits.ts)

/**
 * Everything an invoice is computed from, read in the tenant's transaction:
 * the subscription (its kept price and add-ons) and the prices of the plan
 * version it is on (lib/billing/subscriptions), open pending charges, and the
 * period's metered usage from the rollups (lib/usage).
 *
 * Billing model: the plan and add-ons are charged in advance for the month
 * after the period, usage over the allowance in arrears for the period, and a
 * plan change mid-period arrives as the proration charges recorded then.
 */
export async function readBillingBasis(tx: Tx, tenantId: string, limits: Limits, period: InvoicePeriod): Promise<{ inputs: InvoiceInputs; chargeIds: string[] }> {
  const sub = await getSubscription(tenantId, tx);
  const version = await getPlanVersion(sub.plan, sub.plan_version, tx);
  const next: InvoicePeriod = { periodStart: period.periodEnd, periodEnd: new Date(Date.UTC(period.periodEnd.getUTCFullYear(), period.periodEnd.getUTCMonth() + 1, 1)) };
  // In trial through the month charged in advance, or canceled: nothing for the plan or add-ons.
  const charged = sub.status !== "canceled" && !(sub.status === "trialing" && sub.trial_ends_at !== null && new Date(sub.trial_ends_at) >= next.periodEnd);
  const span = formatPeriod(next);
  const charges = await tx.billingPendingCharge.findMany({ where: { tenantId, invoiceId: null, createdAt: { lt: period.periodEnd } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const usage = (await readUsageTotals(tx, [tenantId], { meters: ["api_calls", "storage_bytes"], from: period.periodStart, to: period.periodEnd })).get(tenantId) ?? {};
  const days = Math.round((period.periodEnd.getTime() - period.periodStart.getTime()) / 86_400_000);
  const inputs: InvoiceInputs = {
    // The subscription's kept price and add-on prices, not the catalogue's current ones.
    plan: charged ? { description: `${sub.plan_name} plan (${span})`, priceCents: sub.price_monthly_cents } : null,
    addOns: charged
      ? [
          { description: `Extra seats (${span})`, quantity: sub.add_ons.extra_seats, unitCents: sub.add_on_prices.seat_cents },
          { description: `Extra storage, GB (${span})`, quantity: sub.add_ons.extra_storage_gb, unitCents: sub.add_on_prices.storage_gb_cents },
        ]
      : [],
    pendingCharges: charges.map((c) => ({ kind: c.kind as InvoiceInputs["pendingCharges"][number]["kind"], description: c.description, amountCents: c.amountCents })),
    // Overage prices are the plan version's; the allowance is the tenant's own limit (plan plus add-ons, or as staff set it).
    apiCalls: { used: usage.api_calls?.sum ?? 0, included: limits.api_calls_per_day === null ? null : limits.api_calls_per_day * days, per1000Cents: version.overage.api_calls_per_1000_cents },
    storage: { peakGb: (usage.storage_bytes?.max ?? 0) / BYTES_PER_GB, includedGb: limits.storage_gb, perGbCents: version.overage.storage_gb_cents },
  };
  return { inputs, chargeIds: charges.map((c) => c.id) };
}
