import type { Tx } from "@/lib/db/prisma";
import type { Limits } from "@/lib/tenants/plans";
import { readUsageTotals } from "@/lib/usage/read-usage";
import type { InvoiceInputs } from "./compute-invoice-lines";
import { formatPeriod, type InvoicePeriod } from "./invoice-period";

const BYTES_PER_GB = 1024 ** 3; // as the storage limit counts (lib/limits/measure-limits.ts)

type SubscriptionRow = {
  plan_key: string;
  plan_version: number;
  price_monthly_cents: number;
  status: "trialing" | "active" | "canceled";
  trial_ends_at: Date | null;
  add_ons: { extra_seats?: number; extra_storage_gb?: number } | null;
  name: string;
  overage: { api_calls_per_1000_cents?: number; storage_gb_cents?: number } | null;
  add_on_prices: { seat_cents?: number; storage_gb_cents?: number } | null;
};

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
  const [sub] = await tx.$queryRaw<SubscriptionRow[]>`
    SELECT s.plan_key, s.plan_version, s.price_monthly_cents, s.status, s.trial_ends_at, s.add_ons, v.name, v.overage, v.add_on_prices
    FROM tenant_subscriptions s JOIN plan_versions v ON v.plan_key = s.plan_key AND v.version = s.plan_version
    WHERE s.tenant_id = ${tenantId}`;
  const next: InvoicePeriod = { periodStart: period.periodEnd, periodEnd: new Date(Date.UTC(period.periodEnd.getUTCFullYear(), period.periodEnd.getUTCMonth() + 1, 1)) };
  // In trial through the month charged in advance, or canceled: nothing for the plan or add-ons.
  const charged = sub && sub.status !== "canceled" && !(sub.status === "trialing" && sub.trial_ends_at && sub.trial_ends_at >= next.periodEnd);
  const span = formatPeriod(next);
  const addOns = sub?.add_ons ?? {};
  const prices = sub?.add_on_prices ?? {};
  const charges = await tx.billingPendingCharge.findMany({ where: { tenantId, invoiceId: null, createdAt: { lt: period.periodEnd } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const usage = (await readUsageTotals(tx, [tenantId], { meters: ["api_calls", "storage_bytes"], from: period.periodStart, to: period.periodEnd })).get(tenantId) ?? {};
  const days = Math.round((period.periodEnd.getTime() - period.periodStart.getTime()) / 86_400_000);
  const extraStorageGb = Number(addOns.extra_storage_gb ?? 0);
  const inputs: InvoiceInputs = {
    plan: charged ? { name: `${sub.name} (${span})`, priceCents: sub.price_monthly_cents } : null,
    addOns: charged
      ? [
          { description: `Extra seats (${span})`, quantity: Number(addOns.extra_seats ?? 0), unitCents: Number(prices.seat_cents ?? 0) },
          { description: `Extra storage, GB (${span})`, quantity: extraStorageGb, unitCents: Number(prices.storage_gb_cents ?? 0) },
        ]
      : [],
    pendingCharges: charges.map((c) => ({ kind: c.kind as InvoiceInputs["pendingCharges"][number]["kind"], description: c.description, amountCents: c.amountCents })),
    apiCalls: sub
      ? { used: usage.api_calls?.sum ?? 0, included: limits.api_calls_per_day === null ? null : limits.api_calls_per_day * days, per1000Cents: Number(sub.overage?.api_calls_per_1000_cents ?? 0) }
      : null,
    storage: sub
      ? {
          peakGb: (usage.storage_bytes?.max ?? 0) / BYTES_PER_GB,
          // The tenant's limit already includes bought extra storage (the subscription service sets it so).
          includedGb: limits.storage_gb,
          perGbCents: Number(sub.overage?.storage_gb_cents ?? 0),
        }
      : null,
  };
  return { inputs, chargeIds: charges.map((c) => c.id) };
}
