import type { TenantSecurityPolicy } from "@/lib/security-policy/types";

/** A tenant that never saved a policy: nothing required, nothing limited, impersonation needs approval. */
export function defaultSecurityPolicy(): TenantSecurityPolicy {
  return {
    require_2fa: false,
    allowed_sign_in_methods: ["password", "passkey", "sso"],
    idle_timeout_minutes: null,
    absolute_lifetime_hours: null,
    max_sessions_per_member: null,
    reauth_for_sensitive_actions: false,
    allowed_invitation_domains: [],
    ip_allowlist: [],
    impersonation: "require_approval",
    impersonation_preapproved_plans: [],
  };
}

export const DEFAULT_SECURITY_POLICY: Readonly<TenantSecurityPolicy> = Object.freeze(defaultSecurityPolicy());
