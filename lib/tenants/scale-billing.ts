import type { ScalableLimit } from "@/lib/schemas/usage";
import { ADDON_PRICES_USD, PLAN_DEFINITIONS, PLANS, type Limits, type Plan } from "@/lib/tenants/plans";

const DAY_MS = 86_400_000;
const cents = (v: number) => Math.round(v * 100) / 100;

export type BillingLine = { limit: ScalableLimit; from: number | null; to: number; unit_price: number; billable_units_change: number; monthly: number };
export type BillingImpact = { currency: "USD"; additional_cost_monthly: number; prorated_today: number; next_billing_date: string; lines: BillingLine[] };

/**
 * What a scaling changes on the monthly bill: for each target, the add-on
 * units above the plan's included amount, before and after, at
 * ADDON_PRICES_USD. A limit that is unlimited now (or that the plan includes
 * without bound) has no priced units, so moving it costs nothing. Billing
 * months are calendar months (UTC); the prorated charge covers the rest of
 * the month from `effective` (now, or the scheduled time).
 */
export function billingImpact(plan: string, current: Limits, target: Partial<Record<ScalableLimit, number>>, effective: Date): BillingImpact {
  const included = PLAN_DEFINITIONS[(PLANS as readonly string[]).includes(plan) ? (plan as Plan) : "basic"].limits;
  const lines: BillingLine[] = [];
  for (const [limit, to] of Object.entries(target) as [ScalableLimit, number][]) {
    const from = current[limit];
    const inc = included[limit];
    const { per, price } = ADDON_PRICES_USD[limit];
    const billable = (v: number) => (inc === null ? 0 : Math.max(0, v - inc) / per);
    const change = from === null ? 0 : billable(to) - billable(from);
    lines.push({ limit, from, to, unit_price: price, billable_units_change: change, monthly: cents(change * price) });
  }
  const monthly = cents(lines.reduce((s, l) => s + l.monthly, 0));
  const next = new Date(Date.UTC(effective.getUTCFullYear(), effective.getUTCMonth() + 1, 1));
  const monthStart = new Date(Date.UTC(effective.getUTCFullYear(), effective.getUTCMonth(), 1));
  const daysInMonth = (next.getTime() - monthStart.getTime()) / DAY_MS;
  const daysLeft = (next.getTime() - effective.getTime()) / DAY_MS;
  return { currency: "USD", additional_cost_monthly: monthly, prorated_today: cents((monthly * daysLeft) / daysInMonth), next_billing_date: next.toISOString(), lines };
}
