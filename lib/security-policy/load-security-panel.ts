import { withTenantScope } from "@/lib/db/scope";
import { listEmailDomains } from "@/lib/security-policy/email-domains/list-email-domains";
import type { EmailDomainView } from "@/lib/security-policy/email-domains/serialize-email-domain";
import { showSecurityPolicy, type SecurityPolicyView } from "@/lib/security-policy/show-security-policy";
import { BUILT_IN_ROLE_KEYS, BUILT_IN_ROLES } from "@/lib/tenant-access/permissions";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";
import { PLANS } from "@/lib/tenants/plans";

export type SecurityPanelData = SecurityPolicyView & {
  email_domains: EmailDomainView[];
  /** What a capturing domain may give (the owner role never). */
  capture_roles: { key: string; name: string }[];
  plans: readonly string[];
};

/** Everything the Security page or tab shows, for its first render on the server and its refreshes. */
export async function loadSecurityPanel(actor: TenantActor, tenantId: string): Promise<SecurityPanelData> {
  const [view, { email_domains }] = await Promise.all([showSecurityPolicy(actor, tenantId), listEmailDomains(actor, tenantId)]);
  const custom = await withTenantScope(tenantId, (tx) => tx.tenantRole.findMany({ where: { tenantId }, select: { id: true, name: true }, orderBy: { name: "asc" } }));
  const capture_roles = [...BUILT_IN_ROLE_KEYS.filter((k) => k !== "owner").map((k) => ({ key: k, name: BUILT_IN_ROLES[k].name })), ...custom.map((r) => ({ key: r.id, name: r.name }))];
  return { ...view, email_domains, capture_roles, plans: PLANS };
}
