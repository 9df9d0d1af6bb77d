import type { Tx } from "@/lib/db/prisma";
import { AppError } from "@/lib/http/errors";

type ImpersonationPolicy = { impersonation: "require_approval" | "forbid" | "preapproved"; impersonation_preapproved_plans: string[] };

// Replaced by lib/security-policy's getTenantSecurityPolicy when that branch is merged.
async function loadImpersonationPolicy(tenantId: string): Promise<ImpersonationPolicy> {
  void tenantId;
  return { impersonation: "require_approval", impersonation_preapproved_plans: [] };
}

/**
 * What the tenant's security policy (lib/security-policy) says about a new
 * request: "forbid" refuses it, "preapproved" for the tenant's plan approves it
 * at once, anything else waits for an owner.
 */
export async function impersonationDecisionFor(tx: Tx, tenantId: string): Promise<"preapproved" | "requires_approval"> {
  const [policy, tenant] = await Promise.all([loadImpersonationPolicy(tenantId), tx.tenant.findUnique({ where: { id: tenantId }, select: { plan: true } })]);
  if (policy.impersonation === "forbid") throw new AppError("impersonation_forbidden", "This tenant's security policy forbids support access");
  if (policy.impersonation === "preapproved" && tenant && policy.impersonation_preapproved_plans.includes(tenant.plan)) return "preapproved";
  return "requires_approval";
}
