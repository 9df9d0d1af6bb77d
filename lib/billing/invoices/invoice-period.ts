/** A billing period: whole UTC days, [start, end). Monthly invoices cover one calendar month. */
export type InvoicePeriod = { periodStart: Date; periodEnd: Date };

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** "2026-11" → November 2026 (UTC); null when the text is not a month. */
export function monthPeriod(month: string): InvoicePeriod | null {
  const m = MONTH.exec(month);
  if (!m) return null;
  const year = Number(m[1]);
  const index = Number(m[2]) - 1;
  return { periodStart: new Date(Date.UTC(year, index, 1)), periodEnd: new Date(Date.UTC(year, index + 1, 1)) };
}

/** The calendar month before the one `now` falls in (UTC): what the job on the 1st invoices. */
export function previousMonth(now: Date): InvoicePeriod {
  return { periodStart: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)), periodEnd: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)) };
}

/** "2026-11" for a period starting on 1 November 2026. */
export function periodMonth(period: Pick<InvoicePeriod, "periodStart">): string {
  return period.periodStart.toISOString().slice(0, 7);
}

export function periodDays(period: InvoicePeriod): number {
  return Math.round((period.periodEnd.getTime() - period.periodStart.getTime()) / 86_400_000);
}

/** "1 Nov 2026 – 30 Nov 2026": the end shown is the last day inside the period. */
export function formatPeriod(period: InvoicePeriod): string {
  const fmt = (d: Date) => d.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  return `${fmt(period.periodStart)} – ${fmt(new Date(period.periodEnd.getTime() - 86_400_000))}`;
}
