import { describe, expect, it } from "vitest";
import { billingPeriodOf } from "@/lib/billing/billing-period";
import { prorate, prorationTotal } from "@/lib/billing/subscriptions/prorate";

// Proration on fixed dates: to the day (the day of the change counts as
// remaining), integer cents rounded half up, credit for the old price and
// charge for the new over the same days.
const at = (iso: string) => {
  const d = new Date(iso);
  const { start, end } = billingPeriodOf(d);
  return { periodStart: start, periodEnd: end, at: d };
};
const amounts = (lines: ReturnType<typeof prorate>) => lines.map((l) => [l.kind, l.days, l.period_days, l.amount_cents]);

describe("prorate", () => {
  it("mid-month upgrade: 16 of January's 31 days credited at $29 and charged at $99", () => {
    const lines = prorate({ fromCents: 2900, toCents: 9900, ...at("2027-01-16T10:30:00Z") });
    // 2900 × 16 / 31 = 1496.77 → 1497; 9900 × 16 / 31 = 5109.68 → 5110.
    expect(amounts(lines)).toEqual([
      ["credit", 16, 31, -1497],
      ["charge", 16, 31, 5110],
    ]);
    expect(prorationTotal(lines)).toBe(3613);
  });

  it("downgrade: the credit is larger than the charge, so the total is negative", () => {
    const lines = prorate({ fromCents: 9900, toCents: 2900, ...at("2027-01-16T10:30:00Z") });
    expect(amounts(lines)).toEqual([
      ["credit", 16, 31, -5110],
      ["charge", 16, 31, 1497],
    ]);
    expect(prorationTotal(lines)).toBe(-3613);
  });

  it("leap-year February has 29 days", () => {
    const lines = prorate({ fromCents: 2900, toCents: 9900, ...at("2028-02-15T00:00:00Z") });
    // 15 days left (15th–29th): 2900 × 15 / 29 = 1500 exactly; 9900 × 15 / 29 = 5120.69 → 5121.
    expect(amounts(lines)).toEqual([
      ["credit", 15, 29, -1500],
      ["charge", 15, 29, 5121],
    ]);
  });

  it("February of a common year has 28 days: the 15th is exactly half", () => {
    expect(amounts(prorate({ fromCents: 2900, toCents: 9900, ...at("2027-02-15T23:59:59Z") }))).toEqual([
      ["credit", 14, 28, -1450],
      ["charge", 14, 28, 4950],
    ]);
  });

  it("the first day swaps the whole month; the last day, one day", () => {
    expect(amounts(prorate({ fromCents: 2900, toCents: 9900, ...at("2027-03-01T00:00:00Z") }))).toEqual([
      ["credit", 31, 31, -2900],
      ["charge", 31, 31, 9900],
    ]);
    // 2900 / 30 = 96.67 → 97; 9900 / 30 = 330.
    expect(amounts(prorate({ fromCents: 2900, toCents: 9900, ...at("2027-04-30T23:59:59Z") }))).toEqual([
      ["credit", 1, 30, -97],
      ["charge", 1, 30, 330],
    ]);
  });

  it("halves round up, a free plan gives no line, and bad amounts are refused", () => {
    // 50 × 15 / 30 = 25; 1 × 15 / 30 = 0.5 → 1.
    expect(amounts(prorate({ fromCents: 0, toCents: 1, ...at("2027-06-16T00:00:00Z") }))).toEqual([["charge", 15, 30, 1]]);
    expect(() => prorate({ fromCents: 10.5, toCents: 1, ...at("2027-06-16T00:00:00Z") })).toThrow(RangeError);
    expect(() => prorate({ fromCents: -1, toCents: 1, ...at("2027-06-16T00:00:00Z") })).toThrow(RangeError);
  });
});
