import { verifyAuthenticationResponse, type AuthenticationResponseJSON } from "@simplewebauthn/server";
import { recordSignInAttempt, type SignInFailure } from "@/lib/audit/access-log";
import { consumeOneTimeToken } from "@/lib/auth/one-time-tokens";
import { takeCeremony } from "@/lib/auth/passkeys/ceremony-state";
import { credentialOf, passkeyByCredential, type PasskeyRow } from "@/lib/auth/passkeys/passkey-rows";
import type { RelyingParty } from "@/lib/auth/passkeys/relying-party";
import { SIGN_IN_METHODS, type SessionKind, type SignInMethod } from "@/lib/auth/sessions/types";
import { issueSignInTicket } from "@/lib/auth/sign-in/sign-in-ticket";
import { appPool } from "@/lib/db/pools";
import { withTenantScope } from "@/lib/db/scope";
import { env } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { consumeRateLimit, giveBackRateLimit } from "@/lib/http/rate-limit";
import type { z } from "zod";
import type { passkeySignInVerifyBody } from "@/lib/schemas/passkeys";
import { assertIpAllowed } from "@/lib/security-policy/assert-ip-allowed";
import { getTenantSecurityPolicy } from "@/lib/security-policy/get-security-policy";

const WINDOW_SECONDS = 15 * 60;
export const PASSKEY_REFUSED_MESSAGE = "This passkey was not accepted here. Try again, or sign in another way.";

type Input = z.output<typeof passkeySignInVerifyBody>;
type Account = { id: string; email: string; status: string; platform_role: string | null };
type Context = { ip: string | null; userAgent: string | null };

/** Refuses, after recording why in the audit log (sign_in.failed); the answer itself never says which check failed. */
async function refuse(rp: RelyingParty, ctx: Context, reason: SignInFailure, account: Account | null): Promise<never> {
  await recordSignInAttempt({
    portal: rp.kind === "staff" ? "console" : "tenant",
    tenantId: rp.tenantId,
    email: account?.email ?? "unknown passkey",
    userId: account?.id ?? null,
    outcome: reason,
    method: "passkey",
    meta: { ip: ctx.ip, userAgent: ctx.userAgent, requestId: null },
  });
  throw new AppError("invalid_credentials", PASSKEY_REFUSED_MESSAGE);
}

async function accountOf(userId: string): Promise<Account | null> {
  const { rows } = await appPool().query<Account>("SELECT id, email, status, platform_role FROM users WHERE id = $1", [userId]);
  return rows[0] ?? null;
}

/** Why this account may not sign in on this host, or null: the same rules as the password (lib/auth/sign-in.ts). */
async function entryRefusal(rp: RelyingParty, account: Account): Promise<SignInFailure | null> {
  if (account.status !== "active") return "suspended";
  if (rp.kind === "staff") return account.platform_role ? null : "not_staff";
  const tenantId = rp.tenantId!;
  const m = await withTenantScope(tenantId, (tx) => tx.membership.findFirst({ where: { tenantId, userId: account.id }, select: { status: true } }));
  return m?.status === "active" ? null : m ? "suspended" : "not_a_member";
}

/** The user handle a discoverable passkey returns is the account id it was made for (start-passkey-registration.ts). */
function userHandleMatches(input: Input, passkey: PasskeyRow): boolean {
  const handle = input.response.response.userHandle;
  return handle === undefined || Buffer.from(handle, "base64url").toString("utf8") === passkey.user_id;
}

/**
 * Checks a passkey's answer on this host and ends with a sign-in ticket.
 * Only a passkey registered for this relying party is looked at; its signature,
 * the origin, the RP ID hash and the single-use challenge are verified by
 * @simplewebauthn/server, and its signature counter must advance (a cloned
 * authenticator replaying an old counter is refused; one atomic UPDATE, so two
 * parallel uses of one counter value cannot both pass). As a second factor the
 * password step's challenge is then redeemed (once); passwordless, the account
 * must be allowed in like a password sign-in, and a member's tenant must allow
 * passkeys and the address. Failures are throttled per address.
 */
export async function finishPasskeySignIn(rp: RelyingParty, input: Input, ctx: Context): Promise<{ ticket: string }> {
  const ipKey = `passkey-fail-ip:${ctx.ip ?? "unknown"}`;
  const take = await consumeRateLimit(ipKey, env.signInMaxFailures * 4, WINDOW_SECONDS);
  const ceremony = await takeCeremony("passkey_sign_in", rp, input.state);
  if (!take.allowed) return refuse(rp, ctx, "rate_limited", null);
  const secondFactor = ceremony.mode === "second_factor";
  if (secondFactor !== (input.challenge !== undefined)) {
    throw new AppError("invalid_request", "challenge: Send the password step's challenge with a second factor, and none with a passwordless sign-in", [{ path: "challenge", message: "Does not match how this sign-in started" }]);
  }

  const passkey = await passkeyByCredential(input.response.id, rp.rpId);
  const account = passkey ? await accountOf(passkey.user_id) : ceremony.userId ? await accountOf(ceremony.userId) : null;
  if (!passkey || !account) return refuse(rp, ctx, "passkey_unknown", account);
  if ((secondFactor && passkey.user_id !== ceremony.userId) || !userHandleMatches(input, passkey)) return refuse(rp, ctx, "passkey_rejected", account);

  let verified;
  try {
    verified = await verifyAuthenticationResponse({
      response: input.response as unknown as AuthenticationResponseJSON,
      expectedChallenge: ceremony.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpId,
      credential: credentialOf(passkey),
      requireUserVerification: !secondFactor,
    });
  } catch (err) {
    const cloned = /counter/i.test((err as Error).message);
    return refuse(rp, ctx, cloned ? "passkey_cloned" : "passkey_rejected", account);
  }
  if (!verified.verified) return refuse(rp, ctx, "passkey_rejected", account);
  const { newCounter, credentialBackedUp } = verified.authenticationInfo;
  const { rowCount } = await appPool().query(
    `UPDATE user_passkeys SET counter = $2, last_used_at = now(), backed_up = $3
      WHERE id = $1 AND (counter < $2 OR (counter = 0 AND $2 = 0))`,
    [passkey.id, newCounter, credentialBackedUp],
  );
  if (rowCount !== 1) return refuse(rp, ctx, "passkey_cloned", account);

  if (secondFactor) {
    const claims = await consumeOneTimeToken(input.challenge!, "second_factor_challenge", rp.host);
    if (!claims || claims.userId !== account.id) {
      throw new AppError("invalid_request", "challenge: This sign-in has expired; enter your password again", [{ path: "challenge", message: "Expired or already used" }]);
    }
    if (take.takenAt) await giveBackRateLimit(ipKey, take.takenAt);
    const kind: SessionKind = claims.data.kind === "member" ? "member" : "staff";
    const method = SIGN_IN_METHODS.find((m) => m === claims.data.method) ?? ("password" satisfies SignInMethod);
    const ticket = await issueSignInTicket({ userId: account.id, kind, tenantId: claims.tenantId, host: rp.host, method, secondFactor: "passkey" });
    return { ticket };
  }

  const refusal = await entryRefusal(rp, account);
  if (refusal) return refuse(rp, ctx, refusal, account);
  if (rp.tenantId) {
    const policy = await getTenantSecurityPolicy(rp.tenantId);
    if (!policy.allowed_sign_in_methods.includes("passkey")) {
      await recordSignInAttempt({ portal: "tenant", tenantId: rp.tenantId, email: account.email, userId: account.id, outcome: "method_not_allowed", method: "passkey", meta: { ip: ctx.ip, userAgent: ctx.userAgent, requestId: null } });
      const others = policy.allowed_sign_in_methods.map((x) => (x === "sso" ? "single sign-on" : x));
      throw new AppError("sign_in_method_not_allowed", `This organisation does not allow signing in with a passkey. Sign in with ${others.join(" or ") || "another method"}.`, {
        allowed_sign_in_methods: policy.allowed_sign_in_methods,
      });
    }
    await assertIpAllowed(rp.tenantId, ctx.ip);
  }
  if (take.takenAt) await giveBackRateLimit(ipKey, take.takenAt);
  await appPool().query("UPDATE users SET last_login_at = now() WHERE id = $1", [account.id]);
  await recordSignInAttempt({
    portal: rp.kind === "staff" ? "console" : "tenant",
    tenantId: rp.tenantId,
    email: account.email,
    userId: account.id,
    outcome: "succeeded",
    method: "passkey",
    meta: { ip: ctx.ip, userAgent: ctx.userAgent, requestId: null },
  });
  // A passkey with user verification is possession and a PIN or biometric: it stands for the second factor too.
  const ticket = await issueSignInTicket({ userId: account.id, kind: rp.kind, tenantId: rp.tenantId, host: rp.host, method: "passkey", secondFactor: "passkey" });
  return { ticket };
}
