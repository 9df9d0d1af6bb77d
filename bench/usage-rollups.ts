// Rollups for raw usage events that the benchmarks generate with SQL
// (generate_series straight into usage_events, far faster than any client):
// the same aggregates, bucket expressions and upserts as the ingest statement
// (lib/usage/ingest-usage-events.ts), run once over the generated rows instead
// of per batch. `where` picks the rows (a predicate on usage_events).
import type pg from "pg";

export async function buildRollupsFromRaw(client: pg.Client | pg.PoolClient, where: string, params: unknown[] = []): Promise<void> {
  await client.query(
    `INSERT INTO usage_rollup_hourly AS r (tenant_id, meter, dimension, hour, sum, count, min, max)
     SELECT tenant_id, meter, dimension, date_trunc('hour', occurred_at, 'UTC'), sum(value), count(*), min(value), max(value)
     FROM usage_events WHERE ${where} GROUP BY 1, 2, 3, 4
     ON CONFLICT (tenant_id, meter, hour, dimension) DO UPDATE
       SET sum = r.sum + excluded.sum, count = r.count + excluded.count, min = least(r.min, excluded.min), max = greatest(r.max, excluded.max)`,
    params,
  );
  await client.query(
    `INSERT INTO tenant_usage_daily AS r (tenant_id, meter, dimension, day, sum, count, min, max)
     SELECT tenant_id, meter, dimension, (occurred_at AT TIME ZONE 'UTC')::date, sum(value), count(*), min(value), max(value)
     FROM usage_events WHERE ${where} GROUP BY 1, 2, 3, 4
     ON CONFLICT (tenant_id, meter, day, dimension) DO UPDATE
       SET sum = r.sum + excluded.sum, count = r.count + excluded.count, min = least(r.min, excluded.min), max = greatest(r.max, excluded.max)`,
    params,
  );
  await client.query(
    `INSERT INTO usage_gauges_latest AS g (tenant_id, meter, dimension, value, measured_at)
     SELECT DISTINCT ON (tenant_id, meter, dimension) tenant_id, meter, dimension, value, occurred_at
     FROM usage_events WHERE (${where}) AND meter = ANY($${params.length + 1}::text[]) ORDER BY tenant_id, meter, dimension, occurred_at DESC
     ON CONFLICT (tenant_id, meter, dimension) DO UPDATE
       SET value = excluded.value, measured_at = excluded.measured_at WHERE g.measured_at <= excluded.measured_at`,
    [...params, ["members", "active_members", "storage_bytes", "table_bytes", "index_bytes", "asset_bytes", "db_connections", "response_time_ms"]],
  );
}
