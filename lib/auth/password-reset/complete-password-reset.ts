import { accountHostOf, inHostScope } from "@/lib/auth/account-host";
import type { RequestMeta } from "@/lib/auth/caller";
import { consumeOneTimeToken } from "@/lib/auth/one-time-tokens";
import { hashPassword } from "@/lib/auth/password";
import { resettableAccount } from "@/lib/auth/password-reset/reset-eligibility";
import { endAuthSessions } from "@/lib/auth/sessions/end-auth-sessions";
import { AppError } from "@/lib/http/errors";
import { clearRateLimit } from "@/lib/http/rate-limit";
import { accountCaller } from "@/lib/security-alerts/alert-caller";
import { raiseSecurityAlert } from "@/lib/security-alerts/raise-security-alert";

const linkInvalid = () =>
  new AppError("token_invalid", "This reset link is invalid, has expired or was already used. Ask for a new one from the sign-in page.", [{ path: "token", message: "Invalid, expired or used" }]);

/**
 * Sets a new password with a reset link's token, on the host the link was
 * issued for (a console token is refused on a portal and the reverse). The
 * token is spent first (one of any number of parallel uses wins), then, in
 * one transaction: the password, the address counted as verified (the link
 * reached it), every other reset link of the account spent, EVERY session of
 * the account ended, and the security.password_reset_completed alert.
 */
export async function completePasswordReset(input: { token: string; password: string; host: string; meta: RequestMeta }): Promise<{ userId: string; email: string }> {
  const where = await accountHostOf(input.host);
  if (!where) throw linkInvalid();
  const claims = await consumeOneTimeToken(input.token, "password_reset", input.host);
  if (!claims?.userId || !claims.email) throw linkInvalid();
  const expectedTenant = where.kind === "tenant" ? where.tenant.id : null;
  if (claims.tenantId !== expectedTenant) throw linkInvalid();
  // scrypt outside the transaction, so no row lock waits on it.
  const passwordHash = await hashPassword(input.password);
  const user = await inHostScope(where, async (tx) => {
    // Still allowed here (not suspended or removed since the mail), and still the same address.
    const account = await resettableAccount(tx, where, claims.email!);
    if (!account || account.id !== claims.userId) throw linkInvalid();
    await tx.$executeRaw`UPDATE users SET password_hash = ${passwordHash}, email_verified_at = COALESCE(email_verified_at, now()), updated_at = now() WHERE id = ${account.id}`;
    await tx.$executeRaw`UPDATE auth_tokens SET used_at = now() WHERE purpose = 'password_reset' AND user_id = ${account.id} AND used_at IS NULL`;
    const ended = await endAuthSessions({ userId: account.id }, "password_reset", tx);
    await raiseSecurityAlert(tx, {
      userId: account.id,
      tenantId: expectedTenant,
      kind: "password_reset",
      detail: { ip: input.meta.ip ?? "unknown", host: input.host, sessions_ended: ended },
      caller: accountCaller(account, input.meta),
    });
    return account;
  });
  // A new password starts with a clean slate of failures.
  await clearRateLimit(`signin-fail:${user.email}`);
  return { userId: user.id, email: user.email };
}
