import type { TenantSecurityPolicy as PolicyRow } from "@/lib/generated/prisma/client";
import type { ImpersonationMode, PolicySignInMethod, TenantSecurityPolicy } from "@/lib/security-policy/types";

/** The stored row (camelCase, Prisma) as the snake_case policy the API and every reader use. */
export function policyFromRow(row: PolicyRow): TenantSecurityPolicy {
  return {
    require_2fa: row.require2fa,
    allowed_sign_in_methods: row.allowedSignInMethods as PolicySignInMethod[],
    idle_timeout_minutes: row.idleTimeoutMinutes,
    absolute_lifetime_hours: row.absoluteLifetimeHours,
    max_sessions_per_member: row.maxSessionsPerMember,
    reauth_for_sensitive_actions: row.reauthForSensitiveActions,
    allowed_invitation_domains: row.allowedInvitationDomains,
    ip_allowlist: row.ipAllowlist,
    impersonation: row.impersonation as ImpersonationMode,
    impersonation_preapproved_plans: row.impersonationPreapprovedPlans,
  };
}

/** The columns to write for a policy. */
export function rowFromPolicy(p: TenantSecurityPolicy) {
  return {
    require2fa: p.require_2fa,
    allowedSignInMethods: p.allowed_sign_in_methods,
    idleTimeoutMinutes: p.idle_timeout_minutes,
    absoluteLifetimeHours: p.absolute_lifetime_hours,
    maxSessionsPerMember: p.max_sessions_per_member,
    reauthForSensitiveActions: p.reauth_for_sensitive_actions,
    allowedInvitationDomains: p.allowed_invitation_domains,
    ipAllowlist: p.ip_allowlist,
    impersonation: p.impersonation,
    impersonationPreapprovedPlans: p.impersonation_preapproved_plans,
  };
}
