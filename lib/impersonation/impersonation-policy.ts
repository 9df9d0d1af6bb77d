import type { Tx } from "@/lib/db/prisma";
import { AppError } from "@/lib/http/errors";
import { readSecurityPolicy } from "@/lib/security-policy/get-security-policy";

/**
 * What the tenant's security policy (lib/security-policy) says about a new
 * request, read in the request's own transaction (never a cached copy):
 * "forbid" refuses it, "preapproved" for the tenant's plan approves it at
 * once, anything else waits for an owner.
 */
export async function impersonationDecisionFor(tx: Tx, tenantId: string): Promise<"preapproved" | "requires_approval"> {
  const [policy, tenant] = await Promise.all([readSecurityPolicy(tx, tenantId), tx.tenant.findUnique({ where: { id: tenantId }, select: { plan: true } })]);
  if (policy.impersonation === "forbid") throw new AppError("impersonation_forbidden", "This tenant's security policy forbids support access");
  if (policy.impersonation === "preapproved" && tenant && policy.impersonation_preapproved_plans.includes(tenant.plan)) return "preapproved";
  return "requires_approval";
}
