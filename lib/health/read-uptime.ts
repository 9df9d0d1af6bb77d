import { asSql, type UsageTx } from "@/lib/usage/usage-sql";

export type Uptime = { runs: number; reachable: number };

/** Health-check runs and those that reached the schema, per tenant, over the UTC days [from, to]: one query. */
export async function readUptime(tx: UsageTx, tenantIds: string[], from: Date, to: Date): Promise<Map<string, Uptime>> {
  const rows = await asSql(tx)<{ tenant_id: string; runs: number; reachable: number }>(
    `SELECT tenant_id, sum(checks_run)::int AS runs, sum(schema_reachable_runs)::int AS reachable FROM tenant_health_daily
      WHERE tenant_id = ANY($1::text[]) AND day >= $2::date AND day <= $3::date GROUP BY tenant_id`,
    [tenantIds, from.toISOString().slice(0, 10), to.toISOString().slice(0, 10)],
  );
  return new Map(rows.map((r) => [r.tenant_id, { runs: r.runs, reachable: r.reachable }]));
}

/** Share of runs that reached the schema, in % to two decimals; null with no run. */
export const uptimePercent = (u: Uptime | undefined): number | null => (u && u.runs > 0 ? Math.round((u.reachable / u.runs) * 10_000) / 100 : null);
