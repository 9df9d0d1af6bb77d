import { withPlatformSql } from "@/lib/db/sql-scope";
import { env } from "@/lib/env";
import { DAY_MS, floorTo, isoDay } from "@/lib/usage/usage-sql";

/** Days of partitions kept ready ahead of today, so the ingest rarely meets a missing one. */
export const PARTITIONS_AHEAD_DAYS = 7;
/** Hourly buckets kept (charts up to 30 days read hours; longer periods read the daily rollup, kept for good). */
export const HOURLY_RETENTION_DAYS = 95;
/** Distinct-user keys kept (a year of daily/monthly active users and feature adoption). */
export const DAILY_USERS_RETENTION_DAYS = 400;

export type UsageStorageMaintenance = { created: number; droppedPartitions: string[]; keysPruned: number; hourlyPruned: number; usersPruned: number };

/**
 * Keeps the raw events' storage in shape: creates the next week's daily
 * partitions; drops every partition whose whole day is past
 * USAGE_RAW_RETENTION_DAYS (a DROP TABLE: no row-by-row delete, no bloat);
 * forgets event ids first seen before the same horizon (an event that old
 * is refused anyway); trims hourly buckets and distinct-user keys past theirs.
 */
export async function maintainUsageStorage(now = new Date()): Promise<UsageStorageMaintenance> {
  const today = floorTo(now, DAY_MS);
  const horizon = new Date(today.getTime() - env.usageRawRetentionDays * DAY_MS);
  return withPlatformSql(async (q) => {
    const [{ created }] = await q<{ created: number }>("SELECT atrium_usage_ensure_partitions($1::date, $2::date) AS created", [isoDay(today), isoDay(new Date(today.getTime() + PARTITIONS_AHEAD_DAYS * DAY_MS))]);
    const [{ dropped }] = await q<{ dropped: string[] }>("SELECT atrium_usage_drop_partitions($1::date) AS dropped", [isoDay(horizon)]);
    const keys = await q<{ n: number }>("WITH d AS (DELETE FROM usage_event_keys WHERE first_seen < $1 RETURNING 1) SELECT count(*)::int AS n FROM d", [horizon.toISOString()]);
    const hourly = await q<{ n: number }>("WITH d AS (DELETE FROM usage_rollup_hourly WHERE hour < $1 RETURNING 1) SELECT count(*)::int AS n FROM d", [new Date(today.getTime() - HOURLY_RETENTION_DAYS * DAY_MS).toISOString()]);
    const users = await q<{ n: number }>("WITH d AS (DELETE FROM usage_daily_users WHERE day < $1::date RETURNING 1) SELECT count(*)::int AS n FROM d", [isoDay(new Date(today.getTime() - DAILY_USERS_RETENTION_DAYS * DAY_MS))]);
    return { created, droppedPartitions: dropped, keysPruned: keys[0].n, hourlyPruned: hourly[0].n, usersPruned: users[0].n };
  });
}
