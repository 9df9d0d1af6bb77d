import { withTenantScope } from "@/lib/db/scope";
import { policyFromRow } from "@/lib/security-policy/policy-row";
import { defaultSecurityPolicy } from "@/lib/security-policy/defaults";
import { ipInAllowlist } from "@/lib/security-policy/ip-allowlist";
import { authorizeSecurityPolicy, metaOf } from "@/lib/security-policy/policy-access";
import type { TenantSecurityPolicy } from "@/lib/security-policy/types";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";

export type SecurityPolicyView = {
  tenant_id: string;
  policy: TenantSecurityPolicy;
  updated_at: string | null;
  your_ip: string | null;
  your_ip_allowed: boolean;
};

export function policyView(tenantId: string, policy: TenantSecurityPolicy, updatedAt: Date | null, ip: string | null): SecurityPolicyView {
  return { tenant_id: tenantId, policy, updated_at: updatedAt?.toISOString() ?? null, your_ip: ip, your_ip_allowed: ipInAllowlist(policy.ip_allowlist, ip) };
}

/** GET /tenants/{id}/security: the policy (defaults when never saved) and the caller's address against its allowlist. */
export async function showSecurityPolicy(actor: TenantActor, tenantId: string): Promise<SecurityPolicyView> {
  return withTenantScope(tenantId, async (tx) => {
    await authorizeSecurityPolicy(actor, tenantId, "read", tx);
    const row = await tx.tenantSecurityPolicy.findUnique({ where: { tenantId } });
    return policyView(tenantId, row ? policyFromRow(row) : defaultSecurityPolicy(), row?.updatedAt ?? null, metaOf(actor).ip);
  });
}
