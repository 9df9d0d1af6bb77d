import { randomBytes } from "node:crypto";
import type { Tx } from "@/lib/db/prisma";
import { hashRecoveryCode, newRecoveryCodes, normalizeRecoveryCode } from "@/lib/auth/second-factor/recovery-codes";

/** Replaces the account's recovery codes with fresh ones; answers them for showing once (only digests are kept). */
export async function replaceRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.$executeRawUnsafe("DELETE FROM user_recovery_codes WHERE user_id = $1", userId);
  for (const code of codes) {
    await tx.$executeRawUnsafe(
      "INSERT INTO user_recovery_codes (id, user_id, code_hash) VALUES ($1, $2, $3)",
      `rcode_${randomBytes(8).toString("hex")}`,
      userId,
      hashRecoveryCode(normalizeRecoveryCode(code)!),
    );
  }
  return codes;
}
