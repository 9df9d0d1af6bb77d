import "server-only";
import type { Tx } from "@/lib/db/prisma";
import { withTenantScope } from "@/lib/db/scope";
import { AppError } from "@/lib/http/errors";
import { tenantFeatures } from "@/lib/tenants/serialize-tenant";
import { PLAN_DEFINITIONS, PLANS, type Feature, type Plan } from "@/lib/tenants/plans";

export type PlanFeature = { enabled: boolean; plan: string; includedIn: string[] };

/**
 * Whether a tenant has a feature (its plan's default, or what staff set for
 * it), with its plan and the plans that include the feature, so a page
 * without it can say which plan would bring it.
 */
export async function tenantPlanFeature(tenantId: string, feature: Feature, tx?: Tx): Promise<PlanFeature> {
  const read = (t: Tx) => t.tenant.findUnique({ where: { id: tenantId }, select: { plan: true, features: true } });
  const tenant = await (tx ? read(tx) : withTenantScope(tenantId, read));
  return {
    enabled: tenant ? tenantFeatures(tenant)[feature] : false,
    plan: tenant ? (PLAN_DEFINITIONS[tenant.plan as Plan]?.label ?? tenant.plan) : "",
    includedIn: PLANS.filter((p) => PLAN_DEFINITIONS[p].features[feature]).map((p) => PLAN_DEFINITIONS[p].label),
  };
}

/** For a tenant's own members: refuses what their plan does not include (platform staff see every tenant's data regardless). */
export async function requireTenantFeature(tenantId: string, feature: Feature, what: string, tx?: Tx): Promise<void> {
  const f = await tenantPlanFeature(tenantId, feature, tx);
  if (!f.enabled) throw new AppError("tenant_access_denied", `${what} is part of the ${f.includedIn.join(" and ")} plan; this organisation is on ${f.plan}`, { feature });
}
