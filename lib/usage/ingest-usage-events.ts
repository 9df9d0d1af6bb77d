import type { PoolClient } from "pg";
import { withPlatformSql, withTenantSql } from "@/lib/db/sql-scope";
import { GAUGE_METERS, meterByName } from "@/lib/usage/meters";
import { DAY_MS, floorTo, isoDay } from "@/lib/usage/usage-sql";

/** One event as every writer hands it over (already validated: see validate-usage-event.ts for reported ones). */
export type UsageEventInput = {
  id: string;
  tenantId: string;
  meter: string;
  value: number;
  timestamp: Date;
  properties?: Record<string, unknown>;
};

/** `unknownTenants`: ids that name no tenant; their events were not recorded (nor counted as duplicates). */
export type IngestResult = { accepted: number; duplicates: number; unknownTenants: string[] };

/**
 * The one statement that records usage. It claims each (tenant, event id) in
 * usage_event_keys (ON CONFLICT DO NOTHING: a resent id, whatever its
 * timestamp now says, claims nothing), inserts only the claimed events into
 * the day-partitioned usage_events, and from those same RETURNING rows — never
 * a rescan — adds sum/count/min/max to the hourly and daily rollups, records
 * the day's distinct users and moves each gauge's latest sample forward.
 * Upserts are fed in key order so concurrent batches lock rows in one order.
 * Events of an id that names no tenant are left out (and named in the answer).
 */
const INGEST_SQL = `
WITH given AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::timestamptz[], $7::jsonb[], $8::text[])
    AS i(tenant_id, event_id, meter, dimension, value, occurred_at, properties, user_id)
),
known AS (
  -- Once per tenant, not per rollup row: a purge (which deletes the tenant, then its usage) waits for this batch.
  SELECT id FROM tenants WHERE id = ANY($1::text[]) ORDER BY id FOR KEY SHARE
),
input AS (
  SELECT * FROM given WHERE tenant_id IN (SELECT id FROM known)
),
claimed AS (
  INSERT INTO usage_event_keys (tenant_id, event_id)
  SELECT tenant_id, event_id FROM input ORDER BY tenant_id, event_id
  ON CONFLICT DO NOTHING
  RETURNING tenant_id, event_id
),
inserted AS (
  INSERT INTO usage_events (tenant_id, event_id, meter, dimension, value, occurred_at, properties)
  SELECT i.tenant_id, i.event_id, i.meter, i.dimension, i.value, i.occurred_at, i.properties
  FROM input i JOIN claimed c ON c.tenant_id = i.tenant_id AND c.event_id = i.event_id
  RETURNING tenant_id, event_id, meter, dimension, value, occurred_at
),
rows AS (
  SELECT n.*, i.user_id FROM inserted n JOIN input i ON i.tenant_id = n.tenant_id AND i.event_id = n.event_id
),
hourly AS (
  INSERT INTO usage_rollup_hourly AS r (tenant_id, meter, dimension, hour, sum, count, min, max)
  SELECT tenant_id, meter, dimension, date_trunc('hour', occurred_at, 'UTC'), sum(value), count(*), min(value), max(value)
  FROM rows GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 4, 3
  ON CONFLICT (tenant_id, meter, hour, dimension) DO UPDATE
    SET sum = r.sum + excluded.sum, count = r.count + excluded.count, min = least(r.min, excluded.min), max = greatest(r.max, excluded.max)
),
daily AS (
  INSERT INTO tenant_usage_daily AS r (tenant_id, meter, dimension, day, sum, count, min, max)
  SELECT tenant_id, meter, dimension, (occurred_at AT TIME ZONE 'UTC')::date, sum(value), count(*), min(value), max(value)
  FROM rows GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 4, 3
  ON CONFLICT (tenant_id, meter, day, dimension) DO UPDATE
    SET sum = r.sum + excluded.sum, count = r.count + excluded.count, min = least(r.min, excluded.min), max = greatest(r.max, excluded.max)
),
users AS (
  INSERT INTO usage_daily_users (tenant_id, meter, dimension, day, user_id)
  SELECT DISTINCT tenant_id, meter, dimension, (occurred_at AT TIME ZONE 'UTC')::date, user_id
  FROM rows WHERE user_id IS NOT NULL ORDER BY 1, 2, 4, 3, 5
  ON CONFLICT DO NOTHING
),
latest AS (
  INSERT INTO usage_gauges_latest AS g (tenant_id, meter, dimension, value, measured_at)
  SELECT DISTINCT ON (tenant_id, meter, dimension) tenant_id, meter, dimension, value, occurred_at
  FROM rows WHERE meter = ANY($9::text[]) ORDER BY tenant_id, meter, dimension, occurred_at DESC
  ON CONFLICT (tenant_id, meter, dimension) DO UPDATE
    SET value = excluded.value, measured_at = excluded.measured_at WHERE g.measured_at <= excluded.measured_at
)
SELECT (SELECT count(*)::int FROM inserted) AS accepted,
       (SELECT coalesce(array_agg(DISTINCT tenant_id), '{}') FROM given WHERE tenant_id NOT IN (SELECT id FROM known)) AS unknown_tenants`;

/** The rollup dimension of an event: the meter's dimension property as text, else ''. */
export function dimensionOf(meter: string, properties: Record<string, unknown> | undefined): string {
  const prop = meterByName(meter)?.dimension;
  const v = prop ? properties?.[prop] : undefined;
  return typeof v === "string" || typeof v === "number" ? String(v).slice(0, 200) : "";
}

function userOf(meter: string, properties: Record<string, unknown> | undefined): string | null {
  if (!meterByName(meter)?.user) return null;
  const v = properties?.user_id;
  return typeof v === "string" || typeof v === "number" ? String(v).slice(0, 200) : null;
}

const NO_PARTITION = "23514";

/**
 * Writes events (any tenants) and their rollups in one transaction; ids seen
 * before, or twice in this batch, are duplicates. With `tenantId` the write
 * runs in that tenant's RLS scope (a tenant key reporting), else in platform
 * scope (a platform key, the sampler, the seed). A day without a partition
 * yet is created and the batch tried once more.
 */
export async function ingestUsageEvents(events: UsageEventInput[], opts: { tenantId?: string } = {}): Promise<IngestResult> {
  if (events.length === 0) return { accepted: 0, duplicates: 0, unknownTenants: [] };
  const seen = new Set<string>();
  const unique = events.filter((e) => {
    const key = `${e.tenantId}\u0000${e.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const params = [
    unique.map((e) => e.tenantId),
    unique.map((e) => e.id),
    unique.map((e) => e.meter),
    unique.map((e) => dimensionOf(e.meter, e.properties)),
    unique.map((e) => e.value),
    unique.map((e) => e.timestamp.toISOString()),
    unique.map((e) => JSON.stringify(e.properties ?? {})),
    unique.map((e) => userOf(e.meter, e.properties)),
    GAUGE_METERS,
  ];
  // A named statement: each pooled connection plans this long statement once, not per batch.
  const run = async (_: unknown, client: PoolClient) => (await client.query<{ accepted: number; unknown_tenants: string[] }>({ name: "atrium_usage_ingest", text: INGEST_SQL, values: params })).rows;
  const scoped = <T>(fn: (q: unknown, client: PoolClient) => Promise<T>) => (opts.tenantId ? withTenantSql(opts.tenantId, fn) : withPlatformSql(fn));
  let rows: { accepted: number; unknown_tenants: string[] }[];
  try {
    rows = await scoped(run);
  } catch (err) {
    if ((err as { code?: string }).code !== NO_PARTITION) throw err;
    await ensureUsagePartitions(unique.map((e) => e.timestamp));
    rows = await scoped(run);
  }
  const accepted = rows[0]?.accepted ?? 0;
  const unknownTenants = rows[0]?.unknown_tenants ?? [];
  const unknown = new Set(unknownTenants);
  const ofUnknown = unknown.size ? events.filter((e) => unknown.has(e.tenantId)).length : 0;
  return { accepted, duplicates: events.length - accepted - ofUnknown, unknownTenants };
}

/** Creates the daily partitions that hold these instants (idempotent, safe to race). */
export async function ensureUsagePartitions(times: Date[]): Promise<number> {
  if (times.length === 0) return 0;
  const ms = times.map((t) => t.getTime());
  const from = isoDay(floorTo(new Date(Math.min(...ms)), DAY_MS));
  const to = isoDay(floorTo(new Date(Math.max(...ms)), DAY_MS));
  const [row] = await withPlatformSql((q) => q<{ made: number }>("SELECT atrium_usage_ensure_partitions($1::date, $2::date) AS made", [from, to]));
  return row.made;
}
