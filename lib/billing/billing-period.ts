/** Billing periods are calendar months in UTC: [first day 00:00, first day of the next month 00:00). */
export function billingPeriodOf(at: Date): { start: Date; end: Date } {
  return {
    start: new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1)),
    end: new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1)),
  };
}

export const DAY_MS = 86_400_000;

/** Midnight UTC of the day `at` falls on. */
export const startOfUtcDay = (at: Date) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
