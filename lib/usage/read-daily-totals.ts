import { asSql, isoDay, type UsageTx } from "@/lib/usage/usage-sql";

/**
 * Daily sums of some meters (added together) for many tenants over the UTC days [from, to], in one
 * query on the daily rollup (dimensions merged): per tenant (the tenant list's
 * sparklines) or, with `acrossTenants`, added up per day (cross-tenant
 * timelines). Days without events are absent.
 */
export async function readDailyTotals(
  tx: UsageTx,
  tenantIds: readonly string[],
  opts: { meters: readonly string[]; from: Date; to: Date; acrossTenants?: boolean },
): Promise<{ tenantId: string | null; day: string; sum: number }[]> {
  const byTenant = opts.acrossTenants ? "NULL::text" : "tenant_id";
  const rows = await asSql(tx)<{ tenant_id: string | null; day: string; sum: number }>(
    `SELECT ${byTenant} AS tenant_id, day::text AS day, sum(sum)::float8 AS sum FROM tenant_usage_daily
      WHERE tenant_id = ANY($1::text[]) AND meter = ANY($2::text[]) AND day >= $3::date AND day <= $4::date
      GROUP BY 1, day ORDER BY 1, day`,
    [tenantIds, opts.meters, isoDay(opts.from), isoDay(opts.to)],
  );
  return rows.map((r) => ({ tenantId: r.tenant_id, day: r.day, sum: Number(r.sum) }));
}
