import { hashToken } from "@/lib/auth/one-time-tokens";
import { appPool } from "@/lib/db/pools";

/**
 * Whose password step a second-factor challenge follows, without spending it:
 * the passkey options need the account (to offer its passkeys), while the
 * challenge stays redeemable for whichever second factor the person then uses
 * (the passkey verify step, or a TOTP code if they cancel the passkey prompt).
 */
export async function secondFactorChallengeAccount(challenge: string, host: string): Promise<string | null> {
  if (challenge.length < 16 || challenge.length > 200) return null;
  const { rows } = await appPool().query<{ user_id: string | null }>(
    "SELECT user_id FROM auth_tokens WHERE token_hash = $1 AND purpose = 'second_factor_challenge' AND host = $2 AND used_at IS NULL AND expires_at > now()",
    [hashToken(challenge), host.toLowerCase()],
  );
  return rows[0]?.user_id ?? null;
}
