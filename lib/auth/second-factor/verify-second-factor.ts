import { appPool } from "@/lib/db/pools";
import { openSecret } from "@/lib/webhooks/secret-box";
import { matchTotpStep } from "@/lib/auth/second-factor/totp";
import { hashRecoveryCode, normalizeRecoveryCode } from "@/lib/auth/second-factor/recovery-codes";

/**
 * Checks a code typed at the second step: six digits are a TOTP code, anything
 * else a recovery code. Each succeeds at most once: a TOTP code's time step must
 * be after the last accepted one, and a recovery code is marked used — both by
 * one conditional UPDATE, so of 20 parallel submissions of the same code exactly
 * one is accepted. Returns which kind was used, or null.
 */
export async function verifyTotpOrRecoveryCode(userId: string, code: string, now: Date = new Date()): Promise<"totp" | "recovery_code" | null> {
  const trimmed = code.replace(/\s+/g, "");
  if (/^\d{6}$/.test(trimmed)) return (await spendTotpCode(userId, trimmed, now)) ? "totp" : null;
  return (await spendRecoveryCode(userId, code)) ? "recovery_code" : null;
}

async function spendTotpCode(userId: string, code: string, now: Date): Promise<boolean> {
  const { rows } = await appPool().query<{ secret_sealed: string; last_used_step: string | null }>(
    "SELECT secret_sealed, last_used_step FROM user_totp_factors WHERE user_id = $1 AND confirmed_at IS NOT NULL",
    [userId],
  );
  if (!rows[0]) return false;
  const last = rows[0].last_used_step === null ? null : Number(rows[0].last_used_step);
  const step = await matchTotpStep(openSecret(rows[0].secret_sealed), code, now, last);
  if (step === null) return false;
  const won = await appPool().query(
    "UPDATE user_totp_factors SET last_used_step = $2 WHERE user_id = $1 AND confirmed_at IS NOT NULL AND (last_used_step IS NULL OR last_used_step < $2)",
    [userId, step],
  );
  return won.rowCount === 1;
}

async function spendRecoveryCode(userId: string, code: string): Promise<boolean> {
  const normalized = normalizeRecoveryCode(code);
  if (!normalized) return false;
  const { rowCount } = await appPool().query(
    "UPDATE user_recovery_codes SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL",
    [userId, hashRecoveryCode(normalized)],
  );
  return rowCount === 1;
}
