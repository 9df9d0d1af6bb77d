import { withTenantScope } from "@/lib/db/scope";
import { computeHealth, publicCheck, recommendationsOf } from "@/lib/health/compute-health";
import { AppError } from "@/lib/http/errors";
import type { HealthStatus, TenantHealth } from "@/lib/schemas/analytics";
import { authorizeTenant, type TenantActor } from "@/lib/tenant-access/tenant-actor";

export const HEALTH_HISTORY_DAYS = 90;

/** The tenant's health checked now (not the stored figure), with the stored daily scores for the chart. */
export async function getTenantHealth(actor: TenantActor, tenantId: string, now = new Date()): Promise<TenantHealth> {
  return withTenantScope(tenantId, async (tx) => {
    await authorizeTenant(actor, tenantId, "usage:read", tx);
    const tenant = await tx.tenant.findUnique({ where: { id: tenantId }, select: { id: true, schemaName: true, plan: true, limits: true, features: true, provisioning: true } });
    if (!tenant) throw new AppError("tenant_not_found", "No such tenant");
    const [result] = await computeHealth(tx, [tenant], now);
    const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (HEALTH_HISTORY_DAYS - 1)));
    const days = await tx.tenantHealthDaily.findMany({ where: { tenantId, day: { gte: since } }, orderBy: { day: "asc" } });
    return {
      tenant_id: tenantId,
      health_score: result.score,
      status: result.status,
      checked_at: now.toISOString(),
      checks: result.checks.map(publicCheck),
      recommendations: recommendationsOf(result.checks),
      history: days.map((d) => ({
        date: d.day.toISOString().slice(0, 10),
        score: d.score,
        status: d.status as HealthStatus,
        uptime_percentage: d.checksRun > 0 ? Math.round((d.schemaReachableRuns / d.checksRun) * 10_000) / 100 : null,
      })),
    };
  });
}
