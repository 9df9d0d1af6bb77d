import { asSql, ceilTo, DAY_MS, floorTo, HOUR_MS, isoDay, type UsageTx } from "@/lib/usage/usage-sql";

/** One rollup bucket: `t` is its start (ISO instant for hours, YYYY-MM-DD for days). */
export type UsagePoint = { t: string; sum: number; count: number; min: number; max: number };
export type UsageAggregate = { sum: number; count: number; min: number; max: number };
export type Granularity = "hour" | "day";

type Row = { tenant_id: string; meter: string; dimension: string; t: string | Date; sum: number; count: string | number; min: number; max: number };

const agg = (r: { sum: number; count: string | number; min: number; max: number }): UsageAggregate => ({ sum: Number(r.sum), count: Number(r.count), min: Number(r.min), max: Number(r.max) });

/**
 * Per meter, its buckets whose start lies in [from, to) (from floored to the
 * bucket), oldest first, from the hourly or daily rollup. Dimensions are
 * merged (sums and counts add, min of mins, max of maxes) unless `dimension`
 * picks one. Buckets without events are absent, not zero: a chart decides.
 */
export async function readUsageSeries(
  tx: UsageTx,
  tenantId: string,
  opts: { meters: readonly string[]; from: Date; to: Date; granularity: Granularity; dimension?: string },
): Promise<Record<string, UsagePoint[]>> {
  const q = asSql(tx);
  const table = opts.granularity === "hour" ? "usage_rollup_hourly" : "tenant_usage_daily";
  const col = opts.granularity === "hour" ? "hour" : "day";
  const from = opts.granularity === "hour" ? floorTo(opts.from, HOUR_MS).toISOString() : isoDay(opts.from);
  const to = opts.granularity === "hour" ? opts.to.toISOString() : isoDay(ceilTo(opts.to, DAY_MS));
  const rows = await q<Row>(
    `SELECT meter, ${col}${opts.granularity === "day" ? "::text" : ""} AS t, sum(sum)::float8 AS sum, sum(count)::bigint AS count, min(min)::float8 AS min, max(max)::float8 AS max
     FROM ${table}
     WHERE tenant_id = $1 AND meter = ANY($2::text[]) AND ${col} >= $3 AND ${col} < $4 AND ($5::text IS NULL OR dimension = $5)
     GROUP BY meter, ${col} ORDER BY meter, ${col}`,
    [tenantId, opts.meters, from, to, opts.dimension ?? null],
  );
  const out: Record<string, UsagePoint[]> = Object.fromEntries(opts.meters.map((m) => [m, []]));
  for (const r of rows) out[r.meter].push({ t: r.t instanceof Date ? r.t.toISOString() : String(r.t), ...agg(r) });
  return out;
}

/**
 * Per meter and dimension (feature_used per feature, atrium_api_calls per
 * status class) over [from, to): the same totals as readUsageTotals, split.
 */
export async function readUsageByDimension(
  tx: UsageTx,
  tenantIds: readonly string[],
  opts: { meters: readonly string[]; from: Date; to: Date },
): Promise<Map<string, Record<string, Record<string, UsageAggregate>>>> {
  const rows = await totalsRows(tx, tenantIds, opts, true);
  const out = new Map<string, Record<string, Record<string, UsageAggregate>>>(tenantIds.map((id) => [id, {}]));
  for (const r of rows) ((out.get(r.tenant_id)![r.meter] ??= {})[r.dimension] = agg(r));
  return out;
}

/**
 * Per tenant and meter, the totals over [from, to) in one query however many
 * tenants: whole UTC days from the daily rollup, the partial days at either
 * end from the hourly one (so hour precision without reading hours for months).
 * Tenants or meters with nothing recorded are absent from the inner record.
 */
export async function readUsageTotals(
  tx: UsageTx,
  tenantIds: readonly string[],
  opts: { meters: readonly string[]; from: Date; to: Date },
): Promise<Map<string, Record<string, UsageAggregate>>> {
  const rows = await totalsRows(tx, tenantIds, opts, false);
  const out = new Map<string, Record<string, UsageAggregate>>(tenantIds.map((id) => [id, {}]));
  for (const r of rows) out.get(r.tenant_id)![r.meter] = agg(r);
  return out;
}

async function totalsRows(tx: UsageTx, tenantIds: readonly string[], opts: { meters: readonly string[]; from: Date; to: Date }, byDimension: boolean): Promise<Row[]> {
  const from = floorTo(opts.from, HOUR_MS);
  const to = opts.to;
  const firstWholeDay = ceilTo(from, DAY_MS);
  const endWholeDay = floorTo(to, DAY_MS);
  // [from, to) = hours [from, firstWholeDay) + days [firstWholeDay, endWholeDay) + hours [endWholeDay, to), or hours alone when no whole day fits.
  const days = firstWholeDay < endWholeDay;
  const hourRanges: [string, string][] = days
    ? [
        [from.toISOString(), firstWholeDay.toISOString()],
        [endWholeDay.toISOString(), to.toISOString()],
      ]
    : [[from.toISOString(), to.toISOString()]];
  const dim = byDimension ? "dimension" : "''::text";
  return asSql(tx)<Row>(
    `WITH parts AS (
       SELECT tenant_id, meter, ${dim} AS dimension, sum, count, min, max FROM tenant_usage_daily
        WHERE $5::boolean AND tenant_id = ANY($1::text[]) AND meter = ANY($2::text[]) AND day >= $3::date AND day < $4::date
       UNION ALL
       SELECT tenant_id, meter, ${dim}, sum, count, min, max FROM usage_rollup_hourly
        WHERE tenant_id = ANY($1::text[]) AND meter = ANY($2::text[])
          AND ((hour >= $6::timestamptz AND hour < $7::timestamptz) OR (hour >= $8::timestamptz AND hour < $9::timestamptz))
     )
     SELECT tenant_id, meter, dimension, sum(sum)::float8 AS sum, sum(count)::bigint AS count, min(min)::float8 AS min, max(max)::float8 AS max
     FROM parts GROUP BY tenant_id, meter, dimension`,
    [
      tenantIds,
      opts.meters,
      isoDay(firstWholeDay),
      isoDay(endWholeDay),
      days,
      hourRanges[0][0],
      hourRanges[0][1],
      hourRanges[1]?.[0] ?? hourRanges[0][0],
      hourRanges[1]?.[1] ?? hourRanges[0][0],
    ],
  );
}

export type GaugeSample = { value: number; measuredAt: string };

/** Each tenant's newest sample of each gauge (members, storage_bytes, db_connections…), by meter; dimension '' only. */
export async function readLatestGauges(tx: UsageTx, tenantIds: readonly string[], meters?: readonly string[]): Promise<Map<string, Record<string, GaugeSample>>> {
  const rows = await asSql(tx)<{ tenant_id: string; meter: string; value: number; measured_at: Date | string }>(
    `SELECT tenant_id, meter, value, measured_at FROM usage_gauges_latest
     WHERE tenant_id = ANY($1::text[]) AND dimension = '' AND ($2::text[] IS NULL OR meter = ANY($2::text[]))`,
    [tenantIds, meters ?? null],
  );
  const out = new Map<string, Record<string, GaugeSample>>(tenantIds.map((id) => [id, {}]));
  for (const r of rows) out.get(r.tenant_id)![r.meter] = { value: Number(r.value), measuredAt: new Date(r.measured_at).toISOString() };
  return out;
}

/**
 * Distinct users over the UTC days [from, to] per tenant and dimension:
 * active_user (dimension '') or feature_used (per feature). From
 * usage_daily_users, so "30-day active" is one index range, not a raw scan.
 */
export async function readDistinctUsers(
  tx: UsageTx,
  tenantIds: readonly string[],
  opts: { meter?: string; from: Date; to: Date },
): Promise<Map<string, Record<string, number>>> {
  const rows = await asSql(tx)<{ tenant_id: string; dimension: string; users: number }>(
    `SELECT tenant_id, dimension, count(DISTINCT user_id)::int AS users FROM usage_daily_users
     WHERE tenant_id = ANY($1::text[]) AND meter = $2 AND day >= $3::date AND day <= $4::date
     GROUP BY tenant_id, dimension`,
    [tenantIds, opts.meter ?? "active_user", isoDay(opts.from), isoDay(opts.to)],
  );
  const out = new Map<string, Record<string, number>>(tenantIds.map((id) => [id, {}]));
  for (const r of rows) out.get(r.tenant_id)![r.dimension] = r.users;
  return out;
}

/** Distinct users per UTC day in [from, to] for one tenant (dimensions merged), oldest first. */
export async function readDailyDistinctUsers(tx: UsageTx, tenantId: string, opts: { meter?: string; from: Date; to: Date }): Promise<{ day: string; users: number }[]> {
  const rows = await asSql(tx)<{ day: string; users: number }>(
    `SELECT day::text AS day, count(DISTINCT user_id)::int AS users FROM usage_daily_users
     WHERE tenant_id = $1 AND meter = $2 AND day >= $3::date AND day <= $4::date GROUP BY day ORDER BY day`,
    [tenantId, opts.meter ?? "active_user", isoDay(opts.from), isoDay(opts.to)],
  );
  return rows;
}
