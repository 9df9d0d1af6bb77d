import { issueOneTimeToken } from "@/lib/auth/one-time-tokens";
import { secondFactorMethods } from "@/lib/auth/second-factor/second-factor-methods";
import type { SecondFactorKind, SessionKind, SignInMethod } from "@/lib/auth/sessions/types";
import { verifyMemberCredentials, verifyStaffCredentials } from "@/lib/auth/sign-in";
import { issueSignInTicket } from "@/lib/auth/sign-in/sign-in-ticket";
import type { SignInSite } from "@/lib/auth/sign-in/sign-in-route";
import { withTenantScope } from "@/lib/db/scope";
import { AppError } from "@/lib/http/errors";
import { assertIpAllowed } from "@/lib/security-policy/assert-ip-allowed";
import { getTenantSecurityPolicy } from "@/lib/security-policy/get-security-policy";

/** A second step is answered within this time, or the sign-in starts again. */
export const SECOND_FACTOR_CHALLENGE_TTL_SECONDS = 300;

export type PasswordStepResult = { next: "complete"; ticket: string } | { next: "second_factor"; challenge: string; methods: SecondFactorKind[] };

export const INVALID_CREDENTIALS_MESSAGE = "Email or password is incorrect, or there were too many attempts. Try again later.";

/**
 * The password step on the console (staff) or a tenant's host (its members).
 * lib/auth/sign-in.ts checks the password with its throttling and sign_in.*
 * audit; any refusal is one generic 401. An account with a second factor gets
 * a challenge for the second-factor step (which ends with the ticket);
 * otherwise the ticket itself.
 */
export async function passwordStep(site: SignInSite, email: string, password: string, ip: string | null, userAgent: string | null): Promise<PasswordStepResult> {
  // The allowlist is the tenant's, not the account's: checked before any password work, and it says nothing about the account.
  if (site.kind === "tenant") await assertIpAllowed(site.tenantId, ip);
  const user =
    site.kind === "console"
      ? await verifyStaffCredentials(email, password, ip, userAgent)
      : await verifyMemberCredentials(email, password, ip, site.tenantId, userAgent);
  if (!user) throw new AppError("invalid_credentials", INVALID_CREDENTIALS_MESSAGE);
  const kind: SessionKind = site.kind === "console" ? "staff" : "member";
  const tenantId = site.kind === "tenant" ? site.tenantId : null;
  const method = site.kind === "tenant" ? await passwordMethodFor(site.tenantId, user.id) : "password";
  const methods = await secondFactorMethods(user.id, site.host);
  if (methods.length > 0) {
    const challenge = await issueOneTimeToken({
      purpose: "second_factor_challenge",
      host: site.host,
      ttlSeconds: SECOND_FACTOR_CHALLENGE_TTL_SECONDS,
      userId: user.id,
      tenantId,
      data: { kind, tenantId, method },
    });
    return { next: "second_factor", challenge, methods };
  }
  const ticket = await issueSignInTicket({ userId: user.id, kind, tenantId, host: site.host, method, secondFactor: null });
  return { next: "complete", ticket };
}

/**
 * Whether the tenant's policy lets this member in with a password: "password"
 * when passwords are allowed; when they are not (SSO or passkeys only), an
 * owner still may, as "break_glass" (audited when the session starts), so an
 * unavailable identity provider cannot lock the tenant out; anyone else is refused.
 * Asked only after the password was right, so it tells nobody else anything.
 */
async function passwordMethodFor(tenantId: string, userId: string): Promise<SignInMethod> {
  const policy = await getTenantSecurityPolicy(tenantId);
  if (policy.allowed_sign_in_methods.includes("password")) return "password";
  const m = await withTenantScope(tenantId, (tx) => tx.membership.findFirst({ where: { tenantId, userId }, select: { role: true } }));
  if (m?.role === "owner") return "break_glass";
  const others = policy.allowed_sign_in_methods.map((x) => (x === "sso" ? "single sign-on" : x === "passkey" ? "a passkey" : x));
  throw new AppError("sign_in_method_not_allowed", `This organisation does not allow signing in with a password. Sign in with ${others.join(" or ") || "another method"}.`, {
    allowed_sign_in_methods: policy.allowed_sign_in_methods,
  });
}
