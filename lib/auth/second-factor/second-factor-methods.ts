import { appPool } from "@/lib/db/pools";
import type { SecondFactorKind } from "@/lib/auth/second-factor/types";

/**
 * The second factors `userId` can complete a sign-in with: a confirmed TOTP
 * authenticator brings its recovery codes along; a passkey counts when it was
 * registered for this host (`host` with or without port; without `host`, any
 * passkey counts, e.g. for "has the account enrolled anything"). An empty list
 * means no second step is due (part A's password step then issues the ticket).
 */
export async function secondFactorMethods(userId: string, host?: string): Promise<SecondFactorKind[]> {
  const rpId = host === undefined ? null : host.toLowerCase().replace(/:\d+$/, "");
  const { rows } = await appPool().query<{ totp: boolean; passkey: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM user_totp_factors WHERE user_id = $1 AND confirmed_at IS NOT NULL) AS totp,
            EXISTS (SELECT 1 FROM user_passkeys WHERE user_id = $1 AND ($2::text IS NULL OR rp_id = $2)) AS passkey`,
    [userId, rpId],
  );
  const methods: SecondFactorKind[] = [];
  if (rows[0]?.totp) methods.push("totp", "recovery_code");
  if (rows[0]?.passkey) methods.push("passkey");
  return methods;
}
