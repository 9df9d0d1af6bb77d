import type { RequestMeta } from "@/lib/auth/caller";
import { hashToken } from "@/lib/auth/one-time-tokens";
import { SIGN_IN_METHODS, type SessionKind } from "@/lib/auth/sessions/types";
import { issueSignInTicket } from "@/lib/auth/sign-in/sign-in-ticket";
import { appPool } from "@/lib/db/pools";
import { publishEvent } from "@/lib/events/publish-event";
import { AppError } from "@/lib/http/errors";
import { consumeRateLimit, giveBackRateLimit } from "@/lib/http/rate-limit";
import { accountCaller, inAccountScope } from "@/lib/auth/second-factor/account";
import { verifyTotpOrRecoveryCode } from "@/lib/auth/second-factor/verify-second-factor";

/** Wrong codes one challenge survives; the next one ends it and the person signs in again. */
export const CHALLENGE_MAX_FAILURES = 5;
/** Per account, across challenges: a password alone must not buy unlimited code guesses. */
const ACCOUNT_MAX_FAILURES = 10;
const ACCOUNT_WINDOW_SECONDS = 15 * 60;
/** Per address, across accounts. */
const IP_MAX_ATTEMPTS = 60;
const IP_WINDOW_SECONDS = 15 * 60;

type Challenge = { userId: string; kind: SessionKind; tenantId: string | null; method: (typeof SIGN_IN_METHODS)[number] };

const expired = () => new AppError("invalid_credentials", "This sign-in has expired or was already completed; sign in again", { restart: true });

/** The challenge's claims, from its row (locked by the caller); null when it cannot be used. */
function challengeOf(r: { user_id: string | null; tenant_id: string | null; data: Record<string, unknown> } | undefined): Challenge | null {
  const kind = r?.data.kind === "member" ? "member" : r?.data.kind === "staff" ? "staff" : null;
  const method = SIGN_IN_METHODS.find((m) => m === r?.data.method);
  if (!r?.user_id || !kind || !method || (kind === "member") !== Boolean(r.tenant_id)) return null;
  return { userId: r.user_id, kind, tenantId: r.tenant_id, method };
}

/**
 * The second step of signing in: a TOTP or recovery code for the account the
 * password step's challenge names, on the host it was issued for.
 *
 * Why not consume the challenge first (consumeOneTimeToken): one typo would
 * then end the sign-in. Instead the challenge's row is locked (FOR UPDATE SKIP
 * LOCKED: a second attempt on the same challenge while one is being checked is
 * told so at once, and holds no connection waiting), the attempt is counted
 * per challenge, per account and per address before the code is checked (so
 * parallel guesses cannot outrun the count), the code is checked — which
 * spends the TOTP step or the recovery code in one conditional UPDATE — and
 * only a right code marks the challenge used, in the same transaction, before
 * the ticket is issued. After CHALLENGE_MAX_FAILURES attempts the challenge
 * answers nothing but "sign in again" for the rest of its 5-minute life.
 */
export async function completeSecondFactor(input: { challenge: string; code: string; host: string; meta: RequestMeta; now?: Date }): Promise<{ ticket: string; secondFactor: "totp" | "recovery_code" }> {
  const { challenge, code, host, meta } = input;
  if (meta.ip) {
    const byIp = await consumeRateLimit(`2fa-ip:${meta.ip}`, IP_MAX_ATTEMPTS, IP_WINDOW_SECONDS);
    if (!byIp.allowed) throw new AppError("rate_limit_exceeded", "Too many attempts from this address; wait a few minutes and sign in again");
  }
  if (challenge.length < 16 || challenge.length > 200) throw expired();
  const tokenHash = hashToken(challenge);
  const client = await appPool().connect();
  let c: Challenge | null = null;
  let used: "totp" | "recovery_code" | null = null;
  try {
    await client.query("BEGIN");
    const { rows } = await client.query<{ id: string; user_id: string | null; tenant_id: string | null; data: Record<string, unknown> }>(
      `SELECT id, user_id, tenant_id, data FROM auth_tokens
        WHERE token_hash = $1 AND purpose = 'second_factor_challenge' AND host = $2 AND used_at IS NULL AND expires_at > now()
        FOR UPDATE SKIP LOCKED`,
      [tokenHash, host.toLowerCase()],
    );
    if (!rows[0]) {
      // Locked by a check in progress, or gone: which one, a second read (without waiting) tells.
      const busy = await client.query("SELECT 1 FROM auth_tokens WHERE token_hash = $1 AND purpose = 'second_factor_challenge' AND host = $2 AND used_at IS NULL AND expires_at > now()", [tokenHash, host.toLowerCase()]);
      throw busy.rowCount ? new AppError("invalid_credentials", "This sign-in is being checked already; wait a moment") : expired();
    }
    c = challengeOf(rows[0]);
    if (!c) throw expired();
    const accountKey = `2fa-fail:${c.userId}`;
    const [perChallenge, perAccount] = await Promise.all([
      consumeRateLimit(`2fa-challenge:${tokenHash}`, CHALLENGE_MAX_FAILURES, 600),
      consumeRateLimit(accountKey, ACCOUNT_MAX_FAILURES, ACCOUNT_WINDOW_SECONDS),
    ]);
    if (!perChallenge.allowed || !perAccount.allowed) throw new AppError("invalid_credentials", "Too many wrong codes; sign in again", { restart: true });
    used = await verifyTotpOrRecoveryCode(c.userId, code, input.now);
    if (!used) throw new AppError("invalid_credentials", "That code is not right (or was already used); try the current code", [{ path: "code", message: "That code is not right" }]);
    if (perAccount.takenAt) await giveBackRateLimit(accountKey, perAccount.takenAt);
    await client.query("UPDATE auth_tokens SET used_at = now() WHERE id = $1", [rows[0].id]);
    await client.query("COMMIT");
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    throw e;
  } finally {
    client.release();
  }
  const ticket = await issueSignInTicket({ userId: c.userId, kind: c.kind, tenantId: c.tenantId, host, method: c.method, secondFactor: used });
  if (used === "recovery_code") await recordRecoveryCodeUse(c, host, meta);
  return { ticket, secondFactor: used };
}

async function recordRecoveryCodeUse(c: Challenge, host: string, meta: RequestMeta): Promise<void> {
  const { rows } = await appPool().query<{ email: string; remaining: number }>(
    "SELECT u.email, (SELECT count(*)::int FROM user_recovery_codes r WHERE r.user_id = u.id AND r.used_at IS NULL) AS remaining FROM users u WHERE u.id = $1",
    [c.userId],
  );
  if (!rows[0]) return;
  const account = { userId: c.userId, email: rows[0].email, kind: c.kind, tenantId: c.tenantId, host, sessionId: null, meta };
  await inAccountScope(account, (tx) =>
    publishEvent(tx, accountCaller(account), {
      tenantId: c.tenantId,
      action: "security.recovery_code_used",
      targetType: "user",
      targetId: c.userId,
      targetLabel: rows[0].email,
      after: { remaining: rows[0].remaining, host, ip: meta.ip },
    }),
  );
}
