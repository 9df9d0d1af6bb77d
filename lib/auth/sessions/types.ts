/** How a session was signed in: every way ends with a sign-in ticket (lib/auth/sign-in/sign-in-ticket.ts). */
export type SignInMethod = "password" | "passkey" | "sso" | "break_glass" | "impersonation";

/** The second factor a sign-in used, if any. */
export type SecondFactorKind = "totp" | "recovery_code" | "passkey";

export type SessionKind = "staff" | "member";

export const SIGN_IN_METHODS: readonly SignInMethod[] = ["password", "passkey", "sso", "break_glass", "impersonation"];
export const SECOND_FACTOR_KINDS: readonly SecondFactorKind[] = ["totp", "recovery_code", "passkey"];

/** What a request knows of the session behind it (RequestMeta.session). */
export type SessionInfo = {
  id: string;
  createdAt: Date;
  reauthenticatedAt: Date | null;
  secondFactor: SecondFactorKind | null;
  impersonationGrantId: string | null;
};
