/**
 * Why a single sign-on attempt was refused (client and server safe). The
 * login page shows the message for the reason (never text from the query
 * string or the provider); the audit event `sso.sign_in_refused` records the
 * reason with the details.
 */
export const SSO_REFUSAL_MESSAGES = {
  state_mismatch: "This sign-in could not be matched to your browser: it expired, was already used, or was started in another browser. Start again.",
  sso_disabled: "Single sign-on is not set up for this organisation. Sign in another way or ask an administrator.",
  sso_not_allowed: "This organisation's security policy does not allow single sign-on.",
  idp_error: "Your identity provider did not complete the sign-in. Try again, or ask an administrator.",
  discovery_failed: "Your identity provider could not be reached. Try again later, or ask an administrator to test the connection.",
  wrong_issuer: "Your identity provider identifies itself differently from what this organisation configured (issuer mismatch). An administrator must correct the issuer.",
  bad_signature: "Your identity provider's answer was not signed by its published keys, so it was refused.",
  token_invalid: "Your identity provider's answer failed a security check (audience, nonce or expiry), so it was refused.",
  email_missing: "Your identity provider did not send an email address.",
  email_not_verified: "Your identity provider has not verified your email address, so it cannot be used to sign in.",
  email_domain_not_allowed: "Your email address is not a member here, and its domain is not one of this organisation's verified email domains.",
  jit_disabled: "Your email address is not a member here, and automatic membership through single sign-on is off. Ask an administrator for an invitation.",
  member_suspended: "Your membership of this organisation, or your account, is suspended.",
  ip_not_allowed: "Your network address is not on this organisation's IP allowlist.",
  too_many_attempts: "Too many single sign-on attempts from your network. Wait a minute and try again.",
  seats_full: "This organisation has no free seats for a new member. Ask an administrator.",
} as const;

export type SsoRefusalReason = keyof typeof SSO_REFUSAL_MESSAGES;

export const isSsoRefusalReason = (v: unknown): v is SsoRefusalReason => typeof v === "string" && Object.hasOwn(SSO_REFUSAL_MESSAGES, v);

/** A refusal with its reason and, for the audit row only, what exactly happened. */
export class SsoRefusal extends Error {
  constructor(
    readonly reason: SsoRefusalReason,
    readonly detail: string,
    readonly email: string | null = null,
  ) {
    super(`${reason}: ${detail}`);
  }
}
