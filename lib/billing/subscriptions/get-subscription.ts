import { getPlanVersion } from "@/lib/billing/plans/plan-versions";
import { authorizeBilling } from "@/lib/billing/subscriptions/authorize-billing";
import { readSubscriptionRow } from "@/lib/billing/subscriptions/ensure-subscription";
import { subscriptionView } from "@/lib/billing/subscriptions/subscription-record";
import type { Tx } from "@/lib/db/prisma";
import { withPlatformScope, withTenantScope } from "@/lib/db/scope";
import type { SubscriptionView } from "@/lib/schemas/billing";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";
import type { Plan } from "@/lib/tenants/plans";

/** The subscription as the API shows it, read in `tx` (any scope that sees the tenant). */
export async function readSubscription(tx: Tx, tenantId: string): Promise<SubscriptionView> {
  const sub = await readSubscriptionRow(tx, tenantId);
  const version = await getPlanVersion(sub.planKey as Plan, sub.planVersion, tx);
  const current = await getPlanVersion(sub.planKey as Plan, undefined, tx);
  return subscriptionView(sub, version, current.version);
}

/** For jobs and other services that already decided who may see it (invoicing). */
export function getSubscription(tenantId: string, tx?: Tx): Promise<SubscriptionView> {
  return tx ? readSubscription(tx, tenantId) : withPlatformScope((t) => readSubscription(t, tenantId));
}

/** GET /tenants/{id}/subscription. */
export function getTenantSubscription(actor: TenantActor, tenantId: string): Promise<SubscriptionView> {
  return withTenantScope(tenantId, async (tx) => {
    await authorizeBilling(actor, tenantId, "read", tx);
    return readSubscription(tx, tenantId);
  });
}
