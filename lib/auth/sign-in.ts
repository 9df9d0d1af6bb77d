import { verifyPassword } from "@/lib/auth/password";
import { appPool } from "@/lib/db/pools";
import { withTenantScope } from "@/lib/db/scope";
import { env } from "@/lib/env";
import { clearRateLimit, consumeRateLimit, giveBackRateLimit } from "@/lib/http/rate-limit";

const WINDOW_SECONDS = 15 * 60;

export type SignedInUser = { id: string; email: string; name: string };

type AccountRow = { id: string; email: string; name: string; password_hash: string | null; status: string; platform_role: string | null };

/**
 * Checks a platform staff member's email and password. Says only yes or no:
 * unknown email, wrong password, suspended account and too many recent
 * failures (per email and per IP) all look the same to the caller.
 */
export function verifyStaffCredentials(email: string, password: string, ip: string | null): Promise<SignedInUser | null> {
  return verifyCredentials(email, password, ip, async (user) => user.platform_role !== null);
}

/** The same check for a tenant's portal: the account must hold an active membership of that tenant. */
export function verifyMemberCredentials(email: string, password: string, ip: string | null, tenantId: string): Promise<SignedInUser | null> {
  return verifyCredentials(email, password, ip, async (user) => {
    const m = await withTenantScope(tenantId, (tx) => tx.membership.findFirst({ where: { tenantId, userId: user.id }, select: { status: true } }));
    return m?.status === "active";
  });
}

/** Any active account's password, with the same throttling: an invitee proving they own the invited address. */
export function verifyAccountCredentials(email: string, password: string, ip: string | null): Promise<SignedInUser | null> {
  return verifyCredentials(email, password, ip, async () => true);
}

async function verifyCredentials(email: string, password: string, ip: string | null, mayEnter: (user: AccountRow) => Promise<boolean>): Promise<SignedInUser | null> {
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
  if (!throttled && ok && user && user.status === "active" && (await mayEnter(user))) {
    // A success is not a failure: the email starts afresh, and the address gets this attempt back.
    await clearRateLimit(keys[0]);
    if (keys[1] && takes[1].takenAt) await giveBackRateLimit(keys[1], takes[1].takenAt);
    await appPool().query("UPDATE users SET last_login_at = now() WHERE id = $1", [user.id]);
    return { id: user.id, email: user.email, name: user.name };
  }
  return null;
}
