import { DAY_MS, startOfUtcDay } from "@/lib/billing/billing-period";

export type ProrationLine = {
  kind: "credit" | "charge";
  description: string;
  /** Days of the period the line covers (the day of the change counts as remaining). */
  days: number;
  period_days: number;
  /** Negative for a credit. */
  amount_cents: number;
};

/** round(numerator / denominator) for non-negative integers, halves away from zero, without floating point. */
function divRound(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/**
 * What a plan change in the middle of a period costs, to the day: a credit for
 * the unused days of the old price and a charge for the same days at the new
 * price. The day of the change counts as remaining (a change on the first day
 * swaps the whole month; on the last day, one day). Integer cents; a line of 0
 * is left out. Pure: the same dates always give the same lines.
 */
export function prorate(input: { fromCents: number; toCents: number; periodStart: Date; periodEnd: Date; at: Date; fromLabel?: string; toLabel?: string }): ProrationLine[] {
  const { fromCents, toCents, periodStart, periodEnd } = input;
  for (const [name, v] of [["fromCents", fromCents], ["toCents", toCents]] as const) {
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${name} must be a non-negative integer of cents`);
  }
  const periodDays = Math.round((periodEnd.getTime() - periodStart.getTime()) / DAY_MS);
  if (periodDays <= 0) throw new RangeError("periodEnd must be after periodStart");
  const day = startOfUtcDay(input.at);
  const clamped = Math.min(Math.max(day.getTime(), periodStart.getTime()), periodEnd.getTime());
  const days = Math.round((periodEnd.getTime() - clamped) / DAY_MS);
  if (days === 0) return [];
  const span = `${days} of ${periodDays} days`;
  const lines: ProrationLine[] = [];
  const credit = divRound(fromCents * days, periodDays);
  if (credit > 0) lines.push({ kind: "credit", description: `Unused ${input.fromLabel ?? "previous plan"} (${span})`, days, period_days: periodDays, amount_cents: -credit });
  const charge = divRound(toCents * days, periodDays);
  if (charge > 0) lines.push({ kind: "charge", description: `${input.toLabel ?? "New plan"} for the rest of the period (${span})`, days, period_days: periodDays, amount_cents: charge });
  return lines;
}

export const prorationTotal = (lines: ProrationLine[]) => lines.reduce((s, l) => s + l.amount_cents, 0);
