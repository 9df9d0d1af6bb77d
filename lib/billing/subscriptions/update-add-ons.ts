import { getPlanVersion } from "@/lib/billing/plans/plan-versions";
import { authorizeBilling } from "@/lib/billing/subscriptions/authorize-billing";
import { lockSubscription } from "@/lib/billing/subscriptions/ensure-subscription";
import { readSubscription } from "@/lib/billing/subscriptions/get-subscription";
import { assertUsageFits, currentUsage } from "@/lib/billing/subscriptions/plan-fit";
import { addOnsOf, effectiveLimits } from "@/lib/billing/subscriptions/subscription-record";
import { withTenantScope } from "@/lib/db/scope";
import { publishEvent } from "@/lib/events/publish-event";
import { parseOrThrow } from "@/lib/http/errors";
import { addOnsSchema, type SubscriptionView } from "@/lib/schemas/billing";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";
import type { Plan } from "@/lib/tenants/plans";
import { tenantLimits } from "@/lib/tenants/serialize-tenant";
import { lockTenant } from "@/lib/tenants/update-tenant";

/**
 * PUT …/subscription/add-ons: extra seats and storage on top of the plan. The
 * tenant's users and storage_gb limits become the plan version's plus these
 * (the other limits stay as they are). Fewer seats than members in use is a
 * 409 naming the limit. Priced at the subscription's plan version from the
 * next invoice on (lib/billing/invoices reads add_ons).
 */
export async function updateAddOns(actor: TenantActor, tenantId: string, body: unknown): Promise<SubscriptionView> {
  const addOns = parseOrThrow(addOnsSchema, body);
  return withTenantScope(tenantId, async (tx) => {
    const access = await authorizeBilling(actor, tenantId, "change", tx);
    const tenant = await lockTenant(tx, tenantId);
    const sub = await lockSubscription(tx, tenant);
    const before = addOnsOf(sub);
    if (before.extra_seats === addOns.extra_seats && before.extra_storage_gb === addOns.extra_storage_gb) return readSubscription(tx, tenantId);
    const version = await getPlanVersion(sub.planKey as Plan, sub.planVersion, tx);
    const limits = { ...tenantLimits(tenant), ...pick(effectiveLimits(version.limits, addOns)) };
    assertUsageFits(await currentUsage(tx, tenantId), limits, `${version.name} with these add-ons`);
    await tx.tenantSubscription.update({ where: { tenantId }, data: { addOns, updatedAt: new Date() } });
    await tx.tenant.update({ where: { id: tenantId }, data: { limits, version: { increment: 1 }, updatedAt: new Date() } });
    await publishEvent(tx, access.auditCaller, {
      tenantId,
      action: "subscription.add_ons_changed",
      targetType: "tenant",
      targetId: tenantId,
      targetLabel: tenant.name,
      before: { add_ons: before, limits: { users: tenantLimits(tenant).users, storage_gb: tenantLimits(tenant).storage_gb } },
      after: { add_ons: addOns, limits: { users: limits.users, storage_gb: limits.storage_gb } },
    });
    return readSubscription(tx, tenantId);
  });
}

const pick = (l: { users: number | null; storage_gb: number | null }) => ({ users: l.users, storage_gb: l.storage_gb });
