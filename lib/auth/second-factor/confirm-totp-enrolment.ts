import { appPool } from "@/lib/db/pools";
import { publishEvent } from "@/lib/events/publish-event";
import { AppError } from "@/lib/http/errors";
import { enforceRateLimit } from "@/lib/http/rate-limit";
import { openSecret } from "@/lib/webhooks/secret-box";
import { accountCaller, inAccountScope, type SecondFactorAccount } from "@/lib/auth/second-factor/account";
import { replaceRecoveryCodes } from "@/lib/auth/second-factor/store-recovery-codes";
import { matchTotpStep } from "@/lib/auth/second-factor/totp";

const CONFIRM_ATTEMPTS = 10;
const CONFIRM_WINDOW_SECONDS = 15 * 60;

/**
 * Proves the app was set up: the first code from the pending secret turns the
 * authenticator on (its step counts as used) and brings 10 new recovery codes,
 * returned once. One conditional UPDATE confirms, so a double submit cannot
 * confirm twice or confirm a secret that was replaced meanwhile.
 */
export async function confirmTotpEnrolment(account: SecondFactorAccount, code: string, now: Date = new Date()): Promise<{ recoveryCodes: string[] }> {
  const trimmed = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(trimmed)) throw new AppError("invalid_request", "Enter the 6-digit code your app shows", [{ path: "code", message: "Enter the 6-digit code your app shows" }]);
  await enforceRateLimit(`totp-confirm:${account.userId}`, CONFIRM_ATTEMPTS, CONFIRM_WINDOW_SECONDS, "attempts to confirm an authenticator");
  const { rows } = await appPool().query<{ secret_sealed: string }>("SELECT secret_sealed FROM user_totp_factors WHERE user_id = $1 AND confirmed_at IS NULL", [account.userId]);
  if (!rows[0]) throw new AppError("invalid_state", "Start setting up an authenticator app first (or it is already on)");
  const sealed = rows[0].secret_sealed;
  const step = await matchTotpStep(openSecret(sealed), trimmed, now, null);
  if (step === null) throw new AppError("invalid_request", "That code is not right; check your device's time and enter the current code", [{ path: "code", message: "That code is not right" }]);

  return inAccountScope(account, async (tx) => {
    const confirmed = await tx.$executeRawUnsafe(
      "UPDATE user_totp_factors SET confirmed_at = now(), last_used_step = $3 WHERE user_id = $1 AND secret_sealed = $2 AND confirmed_at IS NULL",
      account.userId,
      sealed,
      step,
    );
    if (confirmed !== 1) throw new AppError("invalid_state", "This set-up was replaced or already finished; reload the page");
    const recoveryCodes = await replaceRecoveryCodes(tx, account.userId);
    // The session that enrolled just proved the new factor: if it was waiting for one (second_factor_pending), it is now fully signed in.
    if (account.sessionId) {
      await tx.$executeRawUnsafe(
        "UPDATE auth_sessions SET second_factor_pending = false, second_factor = 'totp' WHERE id = $1 AND user_id = $2 AND second_factor_pending",
        account.sessionId,
        account.userId,
      );
    }
    await publishEvent(tx, accountCaller(account), {
      tenantId: account.tenantId,
      action: "security.second_factor_enabled",
      targetType: "user",
      targetId: account.userId,
      targetLabel: account.email,
      after: { method: "totp", recovery_codes: recoveryCodes.length, host: account.host },
    });
    return { recoveryCodes };
  });
}
