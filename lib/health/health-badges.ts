import type { HealthStatus } from "@/lib/schemas/analytics";
import { asSql, type UsageTx } from "@/lib/usage/usage-sql";

export type HealthBadge = { score: number; status: HealthStatus; checked_at: string } | null;

/** The latest stored check of each tenant, in one query (the tenant list's badge column; the bench floor sends the same). */
export async function loadHealthBadges(tx: UsageTx, tenantIds: string[]): Promise<Map<string, HealthBadge>> {
  const rows = await asSql(tx)<{ tenant_id: string; score: number; status: string; checked_at: Date }>(
    "SELECT tenant_id, score, status, checked_at FROM tenant_health WHERE tenant_id = ANY($1::text[])",
    [tenantIds],
  );
  const out = new Map<string, HealthBadge>(tenantIds.map((id) => [id, null]));
  for (const r of rows) out.set(r.tenant_id, { score: r.score, status: r.status as HealthStatus, checked_at: r.checked_at.toISOString() });
  return out;
}
