import type { Tx } from "@/lib/db/prisma";
import { appPool } from "@/lib/db/pools";
import { AppError } from "@/lib/http/errors";

/**
 * Sliding-window limits kept in PostgreSQL, so every web instance shares them
 * (the web tier holds no state of its own). "N per window" holds over every
 * window, wherever it starts: a fixed window let 2N through around its boundary,
 * and a token bucket (GCRA) would still let nearly 2N into one window (a full
 * burst, then the refill). The price is one timestamp per allowed attempt still
 * inside the window, at most N per key. rate-limiter-flexible was considered: its
 * PostgreSQL store is a fixed window.
 */

export type RateLimitTake = { allowed: boolean; takenAt: Date | null; retryAt: Date | null };

/** Options of a take: several units at once (a batch of invitations), or inside the caller's transaction, so a rollback gives them back. */
export type RateLimitOptions = { cost?: number; tx?: Tx };

async function run<T>(tx: Tx | undefined, sql: string, params: unknown[]): Promise<T[]> {
  if (tx) return tx.$queryRawUnsafe<T[]>(sql, ...params);
  return (await appPool().query(sql, params)).rows as T[];
}

/** Takes `cost` attempts from `key`'s allowance, all or none (see atrium_take_rate_limit in the migrations). */
export async function consumeRateLimit(key: string, limit: number, windowSeconds: number, opts: RateLimitOptions = {}): Promise<RateLimitTake> {
  const rows = await run<{ allowed: boolean; taken_at: Date | null; retry_at: Date | null }>(
    opts.tx,
    "SELECT allowed, taken_at, retry_at FROM atrium_take_rate_limit($1::text, $2::int, $3::float8, $4::int)",
    [key, limit, windowSeconds, opts.cost ?? 1],
  );
  const { allowed, taken_at, retry_at } = rows[0];
  return { allowed, takenAt: taken_at, retryAt: retry_at };
}

/** Takes from the allowance, or throws `429 rate_limit_exceeded` saying when to try again (also as `Retry-After`). */
export async function enforceRateLimit(key: string, limit: number, windowSeconds: number, what: string, opts: RateLimitOptions = {}): Promise<void> {
  const r = await consumeRateLimit(key, limit, windowSeconds, opts);
  if (r.allowed) return;
  const rule = `at most ${limit} per ${describeWindow(windowSeconds)}`;
  if (!r.retryAt) {
    throw new AppError("rate_limit_exceeded", `Too many ${what}: ${rule}, and this request alone needs ${opts.cost ?? 1}; send fewer at a time`, { limit, window_seconds: windowSeconds, requested: opts.cost ?? 1 });
  }
  const retryAfter = Math.max(1, Math.ceil((r.retryAt.getTime() - Date.now()) / 1000));
  throw new AppError(
    "rate_limit_exceeded",
    `Too many ${what}: ${rule}. Try again in ${describeWait(retryAfter)}.`,
    { limit, window_seconds: windowSeconds, retry_after_seconds: retryAfter, retry_at: r.retryAt.toISOString() },
    { "Retry-After": String(retryAfter) },
  );
}

/** Gives back one attempt taken at `takenAt` (e.g. a sign-in that turned out to be right is not a failure). */
export async function giveBackRateLimit(key: string, takenAt: Date): Promise<void> {
  await appPool().query(
    `UPDATE rate_limit_buckets SET hits = hits[:array_position(hits, $2::timestamptz) - 1] || hits[array_position(hits, $2::timestamptz) + 1:]
     WHERE key = $1 AND $2::timestamptz = ANY (hits)`,
    [key, takenAt],
  );
}

export async function clearRateLimit(key: string): Promise<void> {
  await appPool().query("DELETE FROM rate_limit_buckets WHERE key = $1", [key]);
}

/** For each key whose allowance is used up now, when the next attempt will be allowed (keys with room are left out). */
export async function rateLimitFreeAt(keys: string[], limit: number, windowSeconds: number, tx?: Tx): Promise<Map<string, Date>> {
  if (!keys.length) return new Map();
  const rows = await run<{ key: string; free_at: Date | null }>(
    tx,
    `SELECT key, (SELECT h FROM unnest(hits) AS h WHERE h > clock_timestamp() - make_interval(secs => $3::float8) ORDER BY h DESC OFFSET $2::int - 1 LIMIT 1)
              + make_interval(secs => $3::float8) AS free_at
     FROM rate_limit_buckets WHERE key = ANY ($1::text[])`,
    [keys, limit, windowSeconds],
  );
  return new Map(rows.filter((r) => r.free_at).map((r) => [r.key, r.free_at!]));
}

export async function pruneRateLimits(): Promise<void> {
  await appPool().query("DELETE FROM rate_limit_buckets WHERE expires_at < now()");
}

/** "hour", "5 minutes", "15 minutes", "30 seconds". */
export function describeWindow(seconds: number): string {
  if (seconds % 3600 === 0) return seconds === 3600 ? "hour" : `${seconds / 3600} hours`;
  if (seconds % 60 === 0) return seconds === 60 ? "minute" : `${seconds / 60} minutes`;
  return `${seconds} seconds`;
}

/** A wait, rounded up to what a person reads: "40 seconds", "1 minute", "12 minutes", "2 hours". */
export function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 120) return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  return `${Math.ceil(minutes / 60)} hours`;
}
