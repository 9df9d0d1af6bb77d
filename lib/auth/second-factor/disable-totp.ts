import { verifyPassword } from "@/lib/auth/password";
import { secondFactorMethods } from "@/lib/auth/second-factor/second-factor-methods";
import { secondFactorRequired } from "@/lib/auth/sessions/session-policy";
import { appPool } from "@/lib/db/pools";
import { AppError } from "@/lib/http/errors";
import { enforceRateLimit } from "@/lib/http/rate-limit";
import { raiseSecurityAlert } from "@/lib/security-alerts/raise-security-alert";
import { accountCaller, inAccountScope, type SecondFactorAccount } from "@/lib/auth/second-factor/account";
import { verifyTotpOrRecoveryCode } from "@/lib/auth/second-factor/verify-second-factor";

const DISABLE_ATTEMPTS = 5;
const DISABLE_WINDOW_SECONDS = 15 * 60;

export type DisableProof = { password: string } | { code: string };

/**
 * Turns the authenticator off (and its recovery codes with it) after proof
 * that the account holder is at the keyboard: their password or a current
 * code. Refused where 2FA is required and no other factor (a passkey for this
 * host) would remain. Raises the second_factor_disabled security alert (the
 * security.second_factor_disabled event and a mail to the account).
 */
export async function disableTotp(account: SecondFactorAccount, proof: DisableProof, now: Date = new Date()): Promise<void> {
  await enforceRateLimit(`totp-disable:${account.userId}`, DISABLE_ATTEMPTS, DISABLE_WINDOW_SECONDS, "attempts to turn off two-factor authentication");
  const methods = await secondFactorMethods(account.userId, account.host);
  if (!methods.includes("totp")) throw new AppError("invalid_state", "No authenticator app is set up");
  if (!methods.includes("passkey") && (await secondFactorRequired(account.kind, account.tenantId))) {
    throw new AppError("invalid_state", "Two-factor authentication is required here, so it cannot be turned off; add a passkey first if you want to replace your authenticator app");
  }
  if ("password" in proof) {
    const { rows } = await appPool().query<{ password_hash: string | null }>("SELECT password_hash FROM users WHERE id = $1", [account.userId]);
    if (!(await verifyPassword(proof.password, rows[0]?.password_hash))) throw new AppError("invalid_request", "That password is not right", [{ path: "password", message: "That password is not right" }]);
  } else if (!(await verifyTotpOrRecoveryCode(account.userId, proof.code, now))) {
    throw new AppError("invalid_request", "That code is not right (or was already used)", [{ path: "code", message: "That code is not right (or was already used)" }]);
  }
  await inAccountScope(account, async (tx) => {
    const removed = await tx.$executeRawUnsafe("DELETE FROM user_totp_factors WHERE user_id = $1 AND confirmed_at IS NOT NULL", account.userId);
    if (removed !== 1) throw new AppError("invalid_state", "Two-factor authentication was already turned off");
    await tx.$executeRawUnsafe("DELETE FROM user_recovery_codes WHERE user_id = $1", account.userId);
    await raiseSecurityAlert(tx, {
      userId: account.userId,
      tenantId: account.tenantId,
      kind: "second_factor_disabled",
      detail: { method: "totp", ip: account.meta.ip ?? "unknown", user_agent: account.meta.userAgent ?? "unknown", host: account.host },
      caller: accountCaller(account),
    });
  });
}
