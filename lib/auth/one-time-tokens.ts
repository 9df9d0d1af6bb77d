import { createHash, randomBytes } from "node:crypto";
import { appPool } from "@/lib/db/pools";

/**
 * What a one-time token is for. A token is redeemable only for its own purpose
 * and on the host it was issued for.
 */
export type OneTimeTokenPurpose =
  | "sign_in_ticket"
  | "second_factor_challenge"
  | "password_reset"
  | "email_verification"
  | "sign_up"
  | "sso_state"
  | "impersonation_entry";

export type OneTimeTokenClaims = { userId: string | null; email: string | null; tenantId: string | null; data: Record<string, unknown> };

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * Issues a single-use token: 32 random bytes (256 bits) as base64url. Only its
 * sha256 is stored, so a copy of the table redeems nothing.
 */
export async function issueOneTimeToken(input: {
  purpose: OneTimeTokenPurpose;
  host: string;
  ttlSeconds: number;
  userId?: string | null;
  email?: string | null;
  tenantId?: string | null;
  data?: Record<string, unknown>;
}): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await appPool().query(
    `INSERT INTO auth_tokens (id, purpose, token_hash, user_id, email, tenant_id, host, data, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now() + make_interval(secs => $9))`,
    [
      `tok_${randomBytes(12).toString("hex")}`,
      input.purpose,
      hashToken(token),
      input.userId ?? null,
      input.email ?? null,
      input.tenantId ?? null,
      input.host.toLowerCase(),
      JSON.stringify(input.data ?? {}),
      input.ttlSeconds,
    ],
  );
  return token;
}

/**
 * Redeems a token once: a single UPDATE marks it used only if it is unused,
 * unexpired, for this purpose and this host, so of any number of parallel
 * redemptions exactly one gets the claims and the rest get null.
 */
export async function consumeOneTimeToken(token: string, purpose: OneTimeTokenPurpose, host: string): Promise<OneTimeTokenClaims | null> {
  if (typeof token !== "string" || token.length < 16 || token.length > 200) return null;
  const { rows } = await appPool().query<{ user_id: string | null; email: string | null; tenant_id: string | null; data: Record<string, unknown> }>(
    `UPDATE auth_tokens SET used_at = now()
      WHERE token_hash = $1 AND purpose = $2 AND host = $3 AND used_at IS NULL AND expires_at > now()
      RETURNING user_id, email, tenant_id, data`,
    [hashToken(token), purpose, host.toLowerCase()],
  );
  const row = rows[0];
  return row ? { userId: row.user_id, email: row.email, tenantId: row.tenant_id, data: row.data ?? {} } : null;
}
