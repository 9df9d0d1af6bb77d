import { appPool } from "@/lib/db/pools";
import { AppError } from "@/lib/http/errors";

/**
 * Fixed-window counter kept in PostgreSQL, so every web instance shares it
 * (the web tier holds no state of its own).
 */
export async function consumeRateLimit(key: string, limit: number, windowSeconds: number): Promise<{ allowed: boolean; count: number; resetAt: Date }> {
  const { rows } = await appPool().query<{ count: number; window_start: Date }>(
    `INSERT INTO rate_limit_buckets (key, window_start, count)
     VALUES ($1, to_timestamp(floor(extract(epoch FROM now()) / $2) * $2), 1)
     ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit_buckets.count + 1
     RETURNING count, window_start`,
    [key, windowSeconds],
  );
  const { count, window_start } = rows[0];
  return { allowed: count <= limit, count, resetAt: new Date(window_start.getTime() + windowSeconds * 1000) };
}

export async function enforceRateLimit(key: string, limit: number, windowSeconds: number, what: string): Promise<void> {
  const r = await consumeRateLimit(key, limit, windowSeconds);
  if (!r.allowed) {
    const retryAfter = Math.max(1, Math.ceil((r.resetAt.getTime() - Date.now()) / 1000));
    throw new AppError("rate_limit_exceeded", `Too many ${what}: at most ${limit} per ${windowSeconds / 60} minutes`, { limit, retry_after_seconds: retryAfter }, { "Retry-After": String(retryAfter) });
  }
}

export async function clearRateLimit(key: string): Promise<void> {
  await appPool().query("DELETE FROM rate_limit_buckets WHERE key = $1", [key]);
}

export async function pruneRateLimits(): Promise<void> {
  await appPool().query("DELETE FROM rate_limit_buckets WHERE window_start < now() - interval '1 day'");
}
