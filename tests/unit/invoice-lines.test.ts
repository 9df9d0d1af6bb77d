import { describe, expect, it } from "vitest";
import { computeInvoiceLines, type InvoiceInputs } from "@/lib/billing/invoices/compute-invoice-lines";
import { formatPeriod, monthPeriod, previousMonth } from "@/lib/billing/invoices/invoice-period";

const base: InvoiceInputs = { plan: null, addOns: [], pendingCharges: [], apiCalls: null, storage: null };

describe("computeInvoiceLines", () => {
  it("charges overage only above the allowance, never for an unlimited one, and rounds to the cent", () => {
    const under = computeInvoiceLines({ ...base, apiCalls: { used: 29_999, included: 30_000, per1000Cents: 8 }, storage: { peakGb: 0.5, includedGb: 1, perGbCents: 20 } });
    expect(under).toEqual({ lines: [], subtotalCents: 0 });
    const unlimited = computeInvoiceLines({ ...base, apiCalls: { used: 1e9, included: null, per1000Cents: 8 }, storage: { peakGb: 1e4, includedGb: null, perGbCents: 20 } });
    expect(unlimited.lines).toEqual([]);
    // 1,501 calls over at 5 ¢ per 1,000 = 7.505 ¢ → 8 ¢; 0.3337 GB over at 15 ¢ → 0.334 GB → 5.01 ¢ → 5 ¢.
    const over = computeInvoiceLines({ ...base, apiCalls: { used: 31_501, included: 30_000, per1000Cents: 5 }, storage: { peakGb: 1.3337, includedGb: 1, perGbCents: 15 } });
    expect(over.lines.map((l) => [l.quantity, l.amountCents])).toEqual([
      [1.501, 8],
      [0.334, 5],
    ]);
    expect(over.subtotalCents).toBe(13);
  });

  it("leaves out add-ons of zero and keeps credits negative in the subtotal", () => {
    const r = computeInvoiceLines({
      ...base,
      plan: { description: "Basic plan", priceCents: 2900 },
      addOns: [
        { description: "Extra seats", quantity: 0, unitCents: 300 },
        { description: "Extra storage", quantity: 3, unitCents: 30 },
      ],
      pendingCharges: [{ kind: "proration", description: "Unused Professional", amountCents: -6600 }],
    });
    expect(r.lines.map((l) => l.kind)).toEqual(["plan", "add_on", "proration"]);
    expect(r.subtotalCents).toBe(2900 + 90 - 6600);
  });
});

describe("invoice periods", () => {
  it("are calendar months in UTC; the job's is the month before", () => {
    expect(monthPeriod("2026-02")).toEqual({ periodStart: new Date("2026-02-01T00:00:00Z"), periodEnd: new Date("2026-03-01T00:00:00Z") });
    expect(monthPeriod("2026-13")).toBeNull();
    expect(previousMonth(new Date("2027-01-01T00:15:00Z"))).toEqual(monthPeriod("2026-12"));
    expect(formatPeriod(monthPeriod("2028-02")!)).toBe("1 Feb 2028 – 29 Feb 2028");
  });
});
