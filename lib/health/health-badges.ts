import type { Tx } from "@/lib/db/prisma";
import type { HealthStatus } from "@/lib/schemas/analytics";

export type HealthBadge = { score: number; status: HealthStatus; checked_at: string } | null;

/** The latest stored check of each tenant, in one query (the tenant list's badge column). */
export async function loadHealthBadges(tx: Tx, tenantIds: string[]): Promise<Map<string, HealthBadge>> {
  const rows = await tx.tenantHealth.findMany({ where: { tenantId: { in: tenantIds } }, select: { tenantId: true, score: true, status: true, checkedAt: true } });
  const out = new Map<string, HealthBadge>(tenantIds.map((id) => [id, null]));
  for (const r of rows) out.set(r.tenantId, { score: r.score, status: r.status as HealthStatus, checked_at: r.checkedAt.toISOString() });
  return out;
}
