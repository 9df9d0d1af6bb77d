import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { withPlatformScope } from "@/lib/db/scope";
import { parseOrThrow } from "@/lib/http/errors";
import { healthSummaryQuerySchema, type healthSummaryResponseSchema, type HealthCheckName, type HealthStatus } from "@/lib/schemas/analytics";
import type { Plan } from "@/lib/tenants/plans";
import type { z } from "zod";
import type { TENANT_STATUSES } from "@/lib/schemas/tenant";

type TenantStatus = (typeof TENANT_STATUSES)[number];

type Summary = z.output<typeof healthSummaryResponseSchema>;

/** Counts per status from the stored checks, the worst tenants first (lowest score, then oldest check), and the last 30 days. */
export async function getHealthSummary(caller: Caller, query: unknown, now = new Date()): Promise<Summary> {
  authorize(caller, "tenants:read");
  const q = parseOrThrow(healthSummaryQuerySchema, query);
  return withPlatformScope(async (tx) => {
    const counts = await tx.$queryRawUnsafe<{ status: string | null; n: number; avg: number | null }[]>(
      `SELECT h.status, count(*)::int AS n, avg(h.score)::float8 AS avg
         FROM tenants t LEFT JOIN tenant_health h ON h.tenant_id = t.id
        WHERE t.status <> 'pending_deletion' GROUP BY h.status`,
    );
    const worst = await tx.tenantHealth.findMany({
      where: { tenant: { status: { not: "pending_deletion" } } },
      orderBy: [{ score: "asc" }, { checkedAt: "asc" }, { tenantId: "asc" }],
      take: q.limit,
      include: { tenant: { select: { name: true, slug: true, plan: true, status: true } } },
    });
    const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 29));
    const history = await tx.$queryRawUnsafe<{ day: Date; healthy: number; degraded: number; critical: number; average_score: number }[]>(
      `SELECT day, count(*) FILTER (WHERE status = 'healthy')::int AS healthy, count(*) FILTER (WHERE status = 'degraded')::int AS degraded,
              count(*) FILTER (WHERE status = 'critical')::int AS critical, avg(score)::float8 AS average_score
         FROM tenant_health_daily WHERE day >= $1::date GROUP BY day ORDER BY day`,
      since.toISOString().slice(0, 10),
    );
    const by = (s: HealthStatus | null) => counts.find((c) => c.status === s)?.n ?? 0;
    const checked = counts.filter((c) => c.status !== null);
    const checkedCount = checked.reduce((s, c) => s + c.n, 0);
    return {
      total: counts.reduce((s, c) => s + c.n, 0),
      counts: { healthy: by("healthy"), degraded: by("degraded"), critical: by("critical"), unknown: by(null) },
      average_score: checkedCount ? Math.round((checked.reduce((s, c) => s + (c.avg ?? 0) * c.n, 0) / checkedCount) * 10) / 10 : null,
      worst_tenants: worst.map((h) => ({
        tenant_id: h.tenantId,
        name: h.tenant.name,
        slug: h.tenant.slug,
        plan: h.tenant.plan as Plan,
        tenant_status: h.tenant.status as TenantStatus,
        health_score: h.score,
        status: h.status as HealthStatus,
        failing_checks: (h.checks as { name: HealthCheckName; status: string }[]).filter((c) => c.status !== "pass").map((c) => c.name),
        checked_at: h.checkedAt.toISOString(),
      })),
      history: history.map((d) => ({ date: d.day.toISOString().slice(0, 10), healthy: d.healthy, degraded: d.degraded, critical: d.critical, average_score: Math.round(d.average_score * 10) / 10 })),
    };
  });
}
