import { currentPlanVersions, planVersionView } from "@/lib/billing/plans/plan-versions";
import { getBilling, type BillingOverview } from "@/lib/billing/subscriptions/get-billing";
import { getUsageQuotas, type UsageQuota } from "@/lib/billing/subscriptions/get-usage-quotas";
import type { PlanVersionView } from "@/lib/schemas/billing";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";
import { PLANS } from "@/lib/tenants/plans";

export type BillingPanelData = { billing: BillingOverview; quotas: UsageQuota[]; plans: PlanVersionView[] };

/**
 * What the portal's Billing page and the console's Billing tab show first,
 * read on the server (authorised like GET …/billing): the billing overview,
 * the usage quotas and the catalogue's current plans to compare (their
 * prices and limits are what a billing manager is choosing between).
 */
export async function loadBillingPanel(actor: TenantActor, tenantId: string): Promise<BillingPanelData> {
  const [billing, quotas] = await Promise.all([getBilling(actor, tenantId), getUsageQuotas(actor, tenantId)]);
  const versions = await currentPlanVersions();
  return { billing, quotas: quotas.quotas, plans: PLANS.map((p) => planVersionView(versions[p])) };
}
