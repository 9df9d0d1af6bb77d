// The tenant security policy every part of issue 13 reads (sessions, second
// factors, passkeys, SSO, impersonation, invitations, the IP allowlist).

export const SIGN_IN_METHODS = ["password", "passkey", "sso"] as const;
export type PolicySignInMethod = (typeof SIGN_IN_METHODS)[number];

export const IMPERSONATION_MODES = ["require_approval", "forbid", "preapproved"] as const;
export type ImpersonationMode = (typeof IMPERSONATION_MODES)[number];

export type TenantSecurityPolicy = {
  require_2fa: boolean;
  allowed_sign_in_methods: PolicySignInMethod[];
  /** null = no idle timeout. */
  idle_timeout_minutes: number | null;
  /** null = sessions live as long as the platform's default. */
  absolute_lifetime_hours: number | null;
  /** null = unlimited. */
  max_sessions_per_member: number | null;
  reauth_for_sensitive_actions: boolean;
  /** Lower-case domains; empty = invitations to any address. */
  allowed_invitation_domains: string[];
  /** Normalised CIDRs (v4 or v6); empty = every address. */
  ip_allowlist: string[];
  impersonation: ImpersonationMode;
  /** Plan keys whose tenants pre-approve impersonation when impersonation = "preapproved". */
  impersonation_preapproved_plans: string[];
};
