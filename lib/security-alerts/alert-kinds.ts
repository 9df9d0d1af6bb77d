// The security alerts of issue 13 §7 (client and server safe): each is a
// `security.<kind>` audit event and a mail. The console's Security page and
// its filter are drawn from this list.

export const SECURITY_ALERT_KINDS = [
  "new_sign_in_location",
  "repeated_sign_in_failures",
  "second_factor_disabled",
  "api_key_created",
  "security_policy_changed",
  "impersonation_requested",
  "impersonation_started",
  "impersonation_revoked",
  "password_reset",
  "passkey_added",
  "passkey_removed",
  "break_glass_sign_in",
] as const;

export type SecurityAlertKind = (typeof SECURITY_ALERT_KINDS)[number];

/** The audit action each kind is recorded as. A reset is the completion of one (the request is `security.password_reset_requested`, not an alert). */
export const SECURITY_ALERT_ACTIONS: Record<SecurityAlertKind, string> = {
  new_sign_in_location: "security.new_sign_in_location",
  repeated_sign_in_failures: "security.repeated_sign_in_failures",
  second_factor_disabled: "security.second_factor_disabled",
  api_key_created: "security.api_key_created",
  security_policy_changed: "security.policy_changed",
  impersonation_requested: "security.impersonation_requested",
  impersonation_started: "security.impersonation_started",
  impersonation_revoked: "security.impersonation_revoked",
  password_reset: "security.password_reset_completed",
  passkey_added: "security.passkey_added",
  passkey_removed: "security.passkey_removed",
  break_glass_sign_in: "security.break_glass_sign_in",
};

export const SECURITY_ALERT_LABELS: Record<SecurityAlertKind, string> = {
  new_sign_in_location: "Sign-in from a new device or network",
  repeated_sign_in_failures: "Repeated sign-in failures",
  second_factor_disabled: "Two-factor authentication turned off",
  api_key_created: "New API key",
  security_policy_changed: "Security policy changed",
  impersonation_requested: "Support access requested",
  impersonation_started: "Support access started",
  impersonation_revoked: "Support access ended",
  password_reset: "Password reset",
  passkey_added: "Passkey added",
  passkey_removed: "Passkey removed",
  break_glass_sign_in: "Owner signed in with a password while single sign-on is required",
};

const KIND_BY_ACTION = new Map(Object.entries(SECURITY_ALERT_ACTIONS).map(([k, a]) => [a, k as SecurityAlertKind]));
export const securityAlertKindOf = (action: string): SecurityAlertKind | null => KIND_BY_ACTION.get(action) ?? null;
export const isSecurityAlertKind = (v: string): v is SecurityAlertKind => (SECURITY_ALERT_KINDS as readonly string[]).includes(v);
