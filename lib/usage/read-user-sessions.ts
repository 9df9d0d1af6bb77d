import { asSql, type UsageTx } from "@/lib/usage/usage-sql";

/** A gap between two of a user's active_user events longer than this ends a session. */
export const SESSION_GAP_MINUTES = 30;

export type UserSessions = { sessions: number; avgSessionMinutes: number | null; peakHourlyUsers: number | null };

/**
 * Sessions rebuilt from one tenant's raw active_user events in [from, to):
 * a user's events belong to one session while each follows the previous
 * within SESSION_GAP_MINUTES; a session lasts from its first event to its
 * last (a lone event is a session of 0 minutes). Also the most distinct users
 * active in one UTC hour. Raw events are kept USAGE_RAW_RETENTION_DAYS, so
 * older parts of a period are not counted; the rollups keep no per-user times.
 */
export async function readUserSessions(tx: UsageTx, tenantId: string, opts: { from: Date; to: Date }): Promise<UserSessions> {
  const [r] = await asSql(tx)<{ sessions: number; avg_secs: number | null; peak: number | null }>(
    `WITH ev AS (
       SELECT properties->>'user_id' AS u, occurred_at FROM usage_events
        WHERE tenant_id = $1 AND meter = 'active_user' AND occurred_at >= $2 AND occurred_at < $3 AND properties ? 'user_id'
     ),
     marked AS (
       SELECT u, occurred_at,
              CASE WHEN occurred_at - lag(occurred_at) OVER (PARTITION BY u ORDER BY occurred_at) <= make_interval(mins => $4) THEN 0 ELSE 1 END AS starts
         FROM ev
     ),
     numbered AS (SELECT u, occurred_at, sum(starts) OVER (PARTITION BY u ORDER BY occurred_at ROWS UNBOUNDED PRECEDING) AS s FROM marked),
     sessions AS (SELECT extract(epoch FROM max(occurred_at) - min(occurred_at)) AS secs FROM numbered GROUP BY u, s),
     hourly AS (SELECT count(DISTINCT u) AS n FROM ev GROUP BY date_trunc('hour', occurred_at, 'UTC'))
     SELECT (SELECT count(*)::int FROM sessions) AS sessions, (SELECT avg(secs)::float8 FROM sessions) AS avg_secs, (SELECT max(n)::int FROM hourly) AS peak`,
    [tenantId, opts.from.toISOString(), opts.to.toISOString(), SESSION_GAP_MINUTES],
  );
  return { sessions: r.sessions, avgSessionMinutes: r.avg_secs === null ? null : Math.round((r.avg_secs / 60) * 100) / 100, peakHourlyUsers: r.peak };
}
