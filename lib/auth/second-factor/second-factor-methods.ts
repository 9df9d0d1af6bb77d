import { appPool } from "@/lib/db/pools";
import type { SecondFactorKind } from "@/lib/auth/second-factor/types";

/**
 * The second factors `userId` can complete a sign-in with: a confirmed TOTP
 * authenticator brings its recovery codes along. An empty list means no second
 * step is due (part A's password step then issues the ticket directly).
 */
export async function secondFactorMethods(userId: string): Promise<SecondFactorKind[]> {
  const { rows } = await appPool().query<{ totp: boolean }>(
    "SELECT EXISTS (SELECT 1 FROM user_totp_factors WHERE user_id = $1 AND confirmed_at IS NOT NULL) AS totp",
    [userId],
  );
  const methods: SecondFactorKind[] = [];
  if (rows[0]?.totp) methods.push("totp", "recovery_code");
  return methods;
}
