import { accountHostOf, inHostScope } from "@/lib/auth/account-host";
import type { RequestMeta } from "@/lib/auth/caller";
import { consumeOneTimeToken } from "@/lib/auth/one-time-tokens";
import { publishEvent } from "@/lib/events/publish-event";
import { AppError } from "@/lib/http/errors";
import { accountCaller } from "@/lib/security-alerts/alert-caller";

const linkInvalid = () => new AppError("token_invalid", "This verification link is invalid, has expired or was already used. Sign in and ask for a new one.", [{ path: "token", message: "Invalid, expired or used" }]);

/**
 * Marks the address verified with the mailed link's token, on the host it
 * was issued for, if the account still has that address. The link's page
 * asks for a click first (POST), so mail scanners that fetch links do not spend it.
 */
export async function verifyEmail(input: { token: string; host: string; meta: RequestMeta }): Promise<{ email: string }> {
  const where = await accountHostOf(input.host);
  if (!where) throw linkInvalid();
  const claims = await consumeOneTimeToken(input.token, "email_verification", input.host);
  if (!claims?.userId || !claims.email) throw linkInvalid();
  const tenantId = where.kind === "tenant" ? where.tenant.id : null;
  if (claims.tenantId !== tenantId) throw linkInvalid();
  return inHostScope(where, async (tx) => {
    const rows = await tx.$queryRaw<{ id: string; email: string; was: Date | null }[]>`
      UPDATE users u SET email_verified_at = COALESCE(u.email_verified_at, now()) FROM users old
       WHERE u.id = old.id AND u.id = ${claims.userId} AND u.email = ${claims.email}
      RETURNING u.id, u.email, old.email_verified_at AS was`;
    const user = rows[0];
    if (!user) throw linkInvalid();
    if (!user.was) {
      await publishEvent(tx, accountCaller(user, input.meta), { tenantId, action: "security.email_verified", targetType: "user", targetId: user.id, targetLabel: user.email, after: { email: user.email } });
    }
    return { email: user.email };
  });
}
