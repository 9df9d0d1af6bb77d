import { issueOneTimeToken } from "@/lib/auth/one-time-tokens";
import { secondFactorMethods } from "@/lib/auth/second-factor/second-factor-methods";
import type { SecondFactorKind, SessionKind } from "@/lib/auth/sessions/types";
import { verifyMemberCredentials, verifyStaffCredentials } from "@/lib/auth/sign-in";
import { issueSignInTicket } from "@/lib/auth/sign-in/sign-in-ticket";
import type { SignInSite } from "@/lib/auth/sign-in/sign-in-route";
import { AppError } from "@/lib/http/errors";

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
  const user =
    site.kind === "console"
      ? await verifyStaffCredentials(email, password, ip, userAgent)
      : await verifyMemberCredentials(email, password, ip, site.tenantId, userAgent);
  if (!user) throw new AppError("invalid_credentials", INVALID_CREDENTIALS_MESSAGE);
  const kind: SessionKind = site.kind === "console" ? "staff" : "member";
  const tenantId = site.kind === "tenant" ? site.tenantId : null;
  const methods = await secondFactorMethods(user.id);
  if (methods.length > 0) {
    const challenge = await issueOneTimeToken({
      purpose: "second_factor_challenge",
      host: site.host,
      ttlSeconds: SECOND_FACTOR_CHALLENGE_TTL_SECONDS,
      userId: user.id,
      tenantId,
      data: { kind, tenantId, method: "password" },
    });
    return { next: "second_factor", challenge, methods };
  }
  const ticket = await issueSignInTicket({ userId: user.id, kind, tenantId, host: site.host, method: "password", secondFactor: null });
  return { next: "complete", ticket };
}
