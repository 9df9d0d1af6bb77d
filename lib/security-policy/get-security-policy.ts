import type { Tx } from "@/lib/db/prisma";
import { withTenantScope } from "@/lib/db/scope";
import { defaultSecurityPolicy } from "@/lib/security-policy/defaults";
import { policyFromRow } from "@/lib/security-policy/policy-row";
import type { TenantSecurityPolicy } from "@/lib/security-policy/types";

/**
 * Session checks and tenant keys read the policy on every request, so each
 * process keeps it for CACHE_MS. A change made through this process is seen at
 * once (forgetSecurityPolicy); another process sees it within CACHE_MS. On
 * globalThis because Next bundles route handlers, pages and server actions
 * apart, each with its own copy of this module: one map serves them all.
 */
const CACHE_MS = 5_000;
const shared = globalThis as { __atriumSecurityPolicies?: Map<string, { policy: TenantSecurityPolicy; until: number }> };
const cache = (shared.__atriumSecurityPolicies ??= new Map());

/** The policy in an open transaction (already in the tenant's or platform scope); never cached. */
export async function readSecurityPolicy(tx: Tx, tenantId: string): Promise<TenantSecurityPolicy> {
  const row = await tx.tenantSecurityPolicy.findUnique({ where: { tenantId } });
  return row ? policyFromRow(row) : defaultSecurityPolicy();
}

/** The tenant's policy, or the defaults when it never saved one. Callers may not mutate the result. */
export async function getTenantSecurityPolicy(tenantId: string): Promise<TenantSecurityPolicy> {
  const hit = cache.get(tenantId);
  if (hit && hit.until > Date.now()) return hit.policy;
  const policy = await withTenantScope(tenantId, (tx) => readSecurityPolicy(tx, tenantId));
  cache.set(tenantId, { policy, until: Date.now() + CACHE_MS });
  if (cache.size > 10_000) cache.delete(cache.keys().next().value as string);
  return policy;
}

export function forgetSecurityPolicy(tenantId: string): void {
  cache.delete(tenantId);
}
