/**
 * The lines and totals of one invoice, from figures already read: pure, so the
 * arithmetic is tested on its own and the generator only gathers inputs.
 * Every amount is an integer number of cents; a fractional quantity (GB,
 * thousands of calls) is rounded to three decimals and its amount to the cent.
 */
export type LineKind = "plan" | "add_on" | "proration" | "overage";
export type InvoiceLine = { kind: LineKind; description: string; quantity: number; unitCents: number; amountCents: number };

export type InvoiceInputs = {
  /** null when nothing is charged for the plan (no subscription, trial all period, canceled). */
  plan: { description: string; priceCents: number } | null;
  addOns: { description: string; quantity: number; unitCents: number }[];
  /** Charges recorded between invoices (addPendingCharge), already in cents. */
  pendingCharges: { kind: LineKind; description: string; amountCents: number }[];
  apiCalls: { used: number; included: number | null; per1000Cents: number } | null;
  storage: { peakGb: number; includedGb: number | null; perGbCents: number } | null;
};

const round3 = (n: number) => Math.round(n * 1000) / 1000;
const formatCount = (n: number) => Math.round(n).toLocaleString("en-US");

export function computeInvoiceLines(inputs: InvoiceInputs): { lines: InvoiceLine[]; subtotalCents: number } {
  const lines: InvoiceLine[] = [];
  if (inputs.plan) lines.push({ kind: "plan", description: inputs.plan.description, quantity: 1, unitCents: inputs.plan.priceCents, amountCents: inputs.plan.priceCents });
  for (const a of inputs.addOns) {
    if (a.quantity <= 0) continue;
    lines.push({ kind: "add_on", description: a.description, quantity: a.quantity, unitCents: a.unitCents, amountCents: Math.round(a.quantity * a.unitCents) });
  }
  for (const c of inputs.pendingCharges) lines.push({ kind: c.kind, description: c.description, quantity: 1, unitCents: c.amountCents, amountCents: c.amountCents });
  const api = inputs.apiCalls;
  if (api && api.included !== null && api.per1000Cents > 0 && api.used > api.included) {
    const over = api.used - api.included;
    lines.push({
      kind: "overage",
      description: `API calls over the included ${formatCount(api.included)} (${formatCount(over)} calls, per 1,000)`,
      quantity: round3(over / 1000),
      unitCents: api.per1000Cents,
      amountCents: Math.round((over * api.per1000Cents) / 1000),
    });
  }
  const st = inputs.storage;
  if (st && st.includedGb !== null && st.perGbCents > 0 && st.peakGb > st.includedGb) {
    const overGb = round3(st.peakGb - st.includedGb);
    lines.push({
      kind: "overage",
      description: `Storage over the included ${st.includedGb} GB (peak ${round3(st.peakGb)} GB, per GB)`,
      quantity: overGb,
      unitCents: st.perGbCents,
      amountCents: Math.round(overGb * st.perGbCents),
    });
  }
  return { lines, subtotalCents: lines.reduce((sum, l) => sum + l.amountCents, 0) };
}
