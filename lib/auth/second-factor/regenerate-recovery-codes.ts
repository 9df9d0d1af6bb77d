import { assertRecentAuthentication } from "@/lib/auth/sessions/recent-auth";
import { publishEvent } from "@/lib/events/publish-event";
import { AppError } from "@/lib/http/errors";
import { accountActor, accountCaller, inAccountScope, type SecondFactorAccount } from "@/lib/auth/second-factor/account";
import { replaceRecoveryCodes } from "@/lib/auth/second-factor/store-recovery-codes";

/**
 * Ten new recovery codes, shown once; the old ones stop working. Anyone at an
 * unlocked screen could otherwise print themselves a way in, so it wants a
 * sign-in or re-authentication within the last 10 minutes.
 */
export async function regenerateRecoveryCodes(account: SecondFactorAccount): Promise<{ recoveryCodes: string[] }> {
  await assertRecentAuthentication(accountActor(account), "create new recovery codes");
  return inAccountScope(account, async (tx) => {
    // Locks the authenticator row: a parallel "turn off" waits, then finds no codes to replace.
    const factor = await tx.$queryRawUnsafe<{ user_id: string }[]>("SELECT user_id FROM user_totp_factors WHERE user_id = $1 AND confirmed_at IS NOT NULL FOR UPDATE", account.userId);
    if (factor.length === 0) throw new AppError("invalid_state", "Recovery codes come with an authenticator app; set one up first");
    const recoveryCodes = await replaceRecoveryCodes(tx, account.userId);
    await publishEvent(tx, accountCaller(account), {
      tenantId: account.tenantId,
      action: "security.recovery_codes_regenerated",
      targetType: "user",
      targetId: account.userId,
      targetLabel: account.email,
      after: { recovery_codes: recoveryCodes.length, host: account.host },
    });
    return { recoveryCodes };
  });
}
