import type { PasskeyAccount } from "@/lib/auth/passkeys/passkey-account";
import { inAccountScope } from "@/lib/auth/passkeys/passkey-account";
import { assertRecentAuthentication } from "@/lib/auth/sessions/recent-auth";
import { AppError } from "@/lib/http/errors";
import { raiseSecurityAlert } from "@/lib/security-alerts/raise-security-alert";

/**
 * Removes one of the account's passkeys on this host, after a recent sign-in
 * or re-authentication (a passkey is a credential: whoever finds a signed-in
 * browser must not quietly strip it). Audited with a mail to the account
 * (security.passkey_removed).
 */
export async function removePasskey(account: PasskeyAccount, passkeyId: string): Promise<void> {
  if (!/^pk_[0-9a-f]{24}$/.test(passkeyId)) throw new AppError("not_found", "No such passkey");
  await assertRecentAuthentication(account.actor, "remove a passkey");
  await inAccountScope(account, async (tx) => {
    const removed = await tx.$queryRaw<{ name: string }[]>`
      DELETE FROM user_passkeys WHERE id = ${passkeyId} AND user_id = ${account.userId} AND rp_id = ${account.rp.rpId} RETURNING name`;
    if (removed.length === 0) throw new AppError("not_found", "No such passkey");
    await raiseSecurityAlert(tx, {
      userId: account.userId,
      tenantId: account.rp.tenantId,
      kind: "passkey_removed",
      detail: { name: removed[0].name, host: account.rp.rpId, passkey_id: passkeyId, ip: account.caller.meta.ip },
      caller: account.caller,
    });
  });
}
