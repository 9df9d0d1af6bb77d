import { recordSignInAttempt, type SignInAttempt, type SignInFailure } from "@/lib/audit/access-log";
import { verifyPassword } from "@/lib/auth/password";
import { appPool } from "@/lib/db/pools";
import { withTenantScope } from "@/lib/db/scope";
import { env } from "@/lib/env";
import { clearRateLimit, consumeRateLimit, giveBackRateLimit } from "@/lib/http/rate-limit";
import { noteSignInFailure } from "@/lib/security-alerts/note-sign-in-failure";

const WINDOW_SECONDS = 15 * 60;

export type SignedInUser = { id: string; email: string; name: string };

type AccountRow = { id: string; email: string; name: string; password_hash: string | null; status: string; platform_role: string | null };

/**
 * Checks a platform staff member's email and password. Says only yes or no:
 * unknown email, wrong password, suspended account and too many recent
 * failures (per email and per IP) all look the same to the caller; the audit
 * log (sign_in.failed) records which it was.
 */
export function verifyStaffCredentials(email: string, password: string, ip: string | null, userAgent: string | null = null): Promise<SignedInUser | null> {
  return verifyCredentials(email, password, { ip, userAgent, portal: "console", tenantId: null }, async (user) => (user.platform_role !== null ? null : "not_staff"));
}

/** The same check for a tenant's portal: the account must hold an active membership of that tenant. */
export function verifyMemberCredentials(email: string, password: string, ip: string | null, tenantId: string, userAgent: string | null = null): Promise<SignedInUser | null> {
  return verifyCredentials(email, password, { ip, userAgent, portal: "tenant", tenantId }, async (user) => {
    const m = await withTenantScope(tenantId, (tx) => tx.membership.findFirst({ where: { tenantId, userId: user.id }, select: { status: true } }));
    return m?.status === "active" ? null : m ? "suspended" : "not_a_member";
  });
}

/** Any active account's password, with the same throttling: an invitee proving they own the invited address. */
export function verifyAccountCredentials(email: string, password: string, ip: string | null, userAgent: string | null = null): Promise<SignedInUser | null> {
  return verifyCredentials(email, password, { ip, userAgent, portal: "invitation", tenantId: null }, async () => null);
}

type AttemptContext = { ip: string | null; userAgent: string | null; portal: SignInAttempt["portal"]; tenantId: string | null };

async function verifyCredentials(email: string, password: string, ctx: AttemptContext, mayEnter: (user: AccountRow) => Promise<SignInFailure | null>): Promise<SignedInUser | null> {
  const { ip } = ctx;
  const normalized = email.trim().toLowerCase();
  const keys = [`signin-fail:${normalized}`, ...(ip ? [`signin-fail-ip:${ip}`] : [])];
  const limits = [env.signInMaxFailures, env.signInMaxFailures * 4];
  // Each attempt is counted before its password is checked (scrypt takes a while), so a
  // burst of parallel guesses cannot all be judged against the same, older count. The
  // windows slide: at most `limit` attempts in any 15 minutes, wherever they start.
  const takes = await Promise.all(keys.map((k, i) => consumeRateLimit(k, limits[i], WINDOW_SECONDS)));
  const throttled = takes.some((t) => !t.allowed);

  const { rows } = await appPool().query<AccountRow>(
    "SELECT id, email, name, password_hash, status, platform_role FROM users WHERE email = $1",
    [normalized],
  );
  const user = rows[0];
  const ok = await verifyPassword(password, user?.password_hash);
  const outcome: SignInFailure | null = throttled
    ? "rate_limited"
    : !user
      ? "unknown_email"
      : !ok
        ? "wrong_password"
        : user.status !== "active"
          ? "suspended"
          : await mayEnter(user);
  const attempt = { portal: ctx.portal, tenantId: ctx.tenantId, email: normalized, userId: user?.id ?? null, meta: { ip, userAgent: ctx.userAgent, requestId: null } };
  if (outcome === null && user) {
    // A success is not a failure: the email starts afresh, and the address gets this attempt back.
    await clearRateLimit(keys[0]);
    if (keys[1] && takes[1].takenAt) await giveBackRateLimit(keys[1], takes[1].takenAt);
    await appPool().query("UPDATE users SET last_login_at = now() WHERE id = $1", [user.id]);
    await recordSignInAttempt({ ...attempt, outcome: "succeeded" });
    return { id: user.id, email: user.email, name: user.name };
  }
  await recordSignInAttempt({ ...attempt, outcome: outcome ?? "wrong_password" });
  if (user && outcome === "wrong_password") await noteSignInFailure({ user, tenantId: ctx.tenantId, portal: ctx.portal, ip, userAgent: ctx.userAgent });
  return null;
}
