// Every password and secret the end-to-end suite types, sends or configures, in one list:
// the specs import them from here, and scripts/check-logs-for-secrets.ts greps the e2e
// server's log for each one after the run. A spec that needs another secret adds it here.

/** The seeded platform admin (admin@atrium.local). */
export const ADMIN_PASSWORD = "e2e-admin-password";
/** Every other seeded account (staff and tenant members) and the owners the specs create. */
export const STAFF_PASSWORD = "e2e-staff-password";
/** What invitees choose when they accept (portal members, branding, accept-form specs). */
export const INVITEE_PASSWORD = "a long enough password";
/** A visitor's new account under a tenant's security policy. */
export const POLICY_VISITOR_PASSWORD = "a sound long password";
/** The new password of the password-reset spec. */
export const RESET_PASSWORD = "a brand new e2e password";
/** A wrong password: a typo of a real one is as secret as the real one. */
export const WRONG_PASSWORD = "definitely-wrong";
/** The SSO spec's client secret at its OpenID provider. */
export const SSO_CLIENT_SECRET = "e2e-sso-client-secret-7f3a9c51d2";
/** The e2e server's NEXTAUTH_SECRET unless the environment sets one. */
export const E2E_NEXTAUTH_SECRET = "e2e-secret-0123456789abcdef0123456789";

export const E2E_SECRETS: Readonly<Record<string, string>> = {
  ADMIN_PASSWORD,
  STAFF_PASSWORD,
  INVITEE_PASSWORD,
  POLICY_VISITOR_PASSWORD,
  RESET_PASSWORD,
  WRONG_PASSWORD,
  SSO_CLIENT_SECRET,
  E2E_NEXTAUTH_SECRET,
};
