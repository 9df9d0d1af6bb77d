/**
 * Delays before each retry: the first attempt is immediate, then 5 s, 5 min,
 * 30 min, 2 h, 5 h, 10 h and 10 h (8 attempts over about 27.6 h); a message
 * whose 8th attempt fails is dead-lettered. ±10 % jitter spreads the retries
 * of a burst that failed together.
 */
export const RETRY_DELAYS_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
export const JITTER = 0.1;

/** When to try again after `attempts` failed attempts, or null: dead-letter it. */
export function nextAttemptAt(attempts: number, now: Date, random: () => number = Math.random): Date | null {
  const base = RETRY_DELAYS_MS[attempts - 1];
  if (base === undefined) return null;
  return new Date(now.getTime() + Math.round(base * (1 + JITTER * (2 * random() - 1))));
}
