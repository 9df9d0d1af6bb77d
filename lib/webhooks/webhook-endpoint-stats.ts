import type { Tx } from "@/lib/db/prisma";

const HOURS = 24;

/**
 * Success rate and hourly attempt counts by outcome over the last 24 h, for
 * the endpoint's chart: one grouped query over the (endpoint_id, attempted_at) index.
 */
export async function webhookEndpointStats(tx: Tx, endpointId: string, now = new Date()) {
  const end = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000 + 3_600_000);
  const start = new Date(end.getTime() - HOURS * 3_600_000);
  const rows = await tx.$queryRaw<{ hour: Date; succeeded: number; failed: number }[]>`
    SELECT date_trunc('hour', attempted_at) AS hour,
           count(*) FILTER (WHERE succeeded)::int AS succeeded,
           count(*) FILTER (WHERE NOT succeeded)::int AS failed
    FROM webhook_attempts WHERE endpoint_id = ${endpointId} AND attempted_at >= ${start} AND attempted_at < ${end}
    GROUP BY 1`;
  const byHour = new Map(rows.map((r) => [new Date(r.hour).getTime(), r]));
  const hourly = Array.from({ length: HOURS }, (_, i) => {
    const t = start.getTime() + i * 3_600_000;
    const r = byHour.get(t);
    return { hour: new Date(t).toISOString(), succeeded: r?.succeeded ?? 0, failed: r?.failed ?? 0 };
  });
  const delivered = hourly.reduce((n, h) => n + h.succeeded, 0);
  const failed = hourly.reduce((n, h) => n + h.failed, 0);
  const [open] = await tx.$queryRaw<{ pending: number; dead: number }[]>`
    SELECT count(*) FILTER (WHERE status IN ('pending', 'retrying'))::int AS pending, count(*) FILTER (WHERE status = 'failed')::int AS dead
    FROM webhook_messages WHERE endpoint_id = ${endpointId}`;
  return {
    window_hours: HOURS,
    delivered,
    failed,
    success_rate: delivered + failed === 0 ? null : Math.round((delivered / (delivered + failed)) * 1000) / 1000,
    hourly,
    pending: open?.pending ?? 0,
    dead_lettered: open?.dead ?? 0,
  };
}
export type WebhookStatsView = Awaited<ReturnType<typeof webhookEndpointStats>>;
