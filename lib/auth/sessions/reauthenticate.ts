import { verifyPassword } from "@/lib/auth/password";
import { verifyTotpOrRecoveryCode } from "@/lib/auth/second-factor/verify-second-factor";
import { markReauthenticated } from "@/lib/auth/sessions/recent-auth";
import type { SignedInAccount } from "@/lib/auth/sessions/session-of-request";
import { appPool } from "@/lib/db/pools";
import { env } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { consumeRateLimit } from "@/lib/http/rate-limit";

const WINDOW_SECONDS = 15 * 60;

export type ReauthProof = { password: string } | { code: string };

/**
 * A signed-in person proves it is still them (password, or a code from their
 * authenticator or a recovery code): the session's reauthenticated_at is set,
 * and sensitive actions are allowed for the next 10 minutes. Wrong answers
 * count against the account and the address as sign-in failures do, so the
 * dialog cannot be used to guess a password faster than the login form.
 */
export async function reauthenticate(account: SignedInAccount, proof: ReauthProof, ip: string | null): Promise<{ reauthenticated_at: string }> {
  const keys = [`reauth-fail:${account.userId}`, ...(ip ? [`reauth-fail-ip:${ip}`] : [])];
  const limits = [env.signInMaxFailures, env.signInMaxFailures * 4];
  const takes = await Promise.all(keys.map((k, i) => consumeRateLimit(k, limits[i], WINDOW_SECONDS)));
  const throttled = takes.some((t) => !t.allowed);
  let ok = false;
  if ("password" in proof) {
    const { rows } = await appPool().query<{ password_hash: string | null }>("SELECT password_hash FROM users WHERE id = $1", [account.userId]);
    // The hash is checked even when throttled, so timing says nothing about the limit.
    ok = (await verifyPassword(proof.password, rows[0]?.password_hash)) && !throttled;
  } else if (!throttled) {
    ok = (await verifyTotpOrRecoveryCode(account.userId, proof.code)) !== null;
  }
  if (!ok) {
    throw new AppError("invalid_credentials", throttled ? "Too many attempts. Wait a few minutes and try again." : "That password or code is not right.", [
      { path: "password" in proof ? "password" : "code", message: "Not right" },
    ]);
  }
  await markReauthenticated(account.session.id);
  return { reauthenticated_at: new Date().toISOString() };
}
