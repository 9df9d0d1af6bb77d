import { appPool } from "@/lib/db/pools";

export type SecondFactorStatus = {
  totp: { enabled: boolean; confirmedAt: string | null };
  recoveryCodesRemaining: number;
};

/** What the account Security page shows about TOTP and recovery codes (passkeys are part B2's section). */
export async function secondFactorStatus(userId: string): Promise<SecondFactorStatus> {
  const { rows } = await appPool().query<{ confirmed_at: Date | null; remaining: number }>(
    `SELECT (SELECT confirmed_at FROM user_totp_factors WHERE user_id = $1) AS confirmed_at,
            (SELECT count(*)::int FROM user_recovery_codes WHERE user_id = $1 AND used_at IS NULL) AS remaining`,
    [userId],
  );
  const confirmedAt = rows[0]?.confirmed_at ?? null;
  return { totp: { enabled: confirmedAt !== null, confirmedAt: confirmedAt?.toISOString() ?? null }, recoveryCodesRemaining: confirmedAt ? rows[0].remaining : 0 };
}
