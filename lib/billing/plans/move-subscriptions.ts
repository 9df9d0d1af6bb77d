import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { getPlanVersion } from "@/lib/billing/plans/plan-versions";
import { lockSubscription } from "@/lib/billing/subscriptions/ensure-subscription";
import { addOnsOf, effectiveLimits } from "@/lib/billing/subscriptions/subscription-record";
import { withPlatformScope } from "@/lib/db/scope";
import { publishEvent } from "@/lib/events/publish-event";
import { parseOrThrow } from "@/lib/http/errors";
import { planKeySchema } from "@/lib/schemas/billing";
import { tenantFeatures, tenantLimits } from "@/lib/tenants/serialize-tenant";
import { syncTenantDbRole } from "@/lib/tenants/tenant-db-role";
import { lockTenant } from "@/lib/tenants/update-tenant";

/**
 * POST /plans/{key}/move-subscriptions: every subscription on an older
 * version of the plan moves to the current one: its price (from the next
 * invoice; the period already billed is not prorated), and the tenant's
 * limits (plus its add-ons) and features. Each tenant in its own transaction,
 * so one that cannot move (usage above the new limits is allowed here: the
 * limits checks then alert) does not hold up the others.
 */
export async function moveSubscriptionsToCurrentVersion(caller: Caller, key: string): Promise<{ moved: number; failed: { tenant_id: string; error: string }[] }> {
  authorize(caller, "billing:manage");
  const planKey = parseOrThrow(planKeySchema, key, "not_found");
  const target = await getPlanVersion(planKey);
  const stale = await withPlatformScope((tx) => tx.tenantSubscription.findMany({ where: { planKey, planVersion: { lt: target.version } }, select: { tenantId: true }, orderBy: { tenantId: "asc" } }));
  let moved = 0;
  const failed: { tenant_id: string; error: string }[] = [];
  for (const { tenantId } of stale) {
    try {
      const did = await withPlatformScope(async (tx) => {
        const tenant = await lockTenant(tx, tenantId);
        const sub = await lockSubscription(tx, tenant);
        if (sub.planKey !== planKey || sub.planVersion >= target.version) return false;
        const limits = effectiveLimits(target.limits, addOnsOf(sub));
        const before = { plan_version: sub.planVersion, price_monthly_cents: sub.priceMonthlyCents, limits: tenantLimits(tenant), features: tenantFeatures(tenant) };
        await tx.tenantSubscription.update({ where: { tenantId }, data: { planVersion: target.version, priceMonthlyCents: target.priceMonthlyCents, updatedAt: new Date() } });
        await tx.tenant.update({ where: { id: tenantId }, data: { limits, features: target.features, version: { increment: 1 }, updatedAt: new Date() } });
        if (before.limits.database_connections !== limits.database_connections) await syncTenantDbRole(tx, tenantId);
        await publishEvent(tx, caller, {
          tenantId,
          action: "subscription.moved_to_current_version",
          targetType: "tenant",
          targetId: tenantId,
          targetLabel: tenant.name,
          before,
          after: { plan_version: target.version, price_monthly_cents: target.priceMonthlyCents, limits, features: target.features },
        });
        return true;
      });
      if (did) moved++;
    } catch (err) {
      failed.push({ tenant_id: tenantId, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return { moved, failed };
}
