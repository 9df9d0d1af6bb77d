import type { SessionKind } from "@/lib/auth/sessions/types";
import type { Tx } from "@/lib/db/prisma";
import { withPlatformScope, withTenantScope } from "@/lib/db/scope";
import { accountCaller } from "@/lib/security-alerts/alert-caller";
import { raiseSecurityAlert } from "@/lib/security-alerts/raise-security-alert";
import { agentOf, networkOf } from "@/lib/security-alerts/sign-in-location";
import { log } from "@/lib/observability/logger";

/** What A's createAuthSession passes after writing a session row. */
export type NotedSession = { id: string; userId: string; kind: SessionKind; tenantId: string | null; ip: string | null; userAgent: string | null; host: string };

/** A place not seen for this long is new again. */
export const LOCATION_MEMORY_DAYS = 90;
// Places remembered per account; beyond it the least recently used is forgotten.
const MAX_LOCATIONS_PER_ACCOUNT = 50;

/**
 * Called by createAuthSession (lib/auth/sessions/) once per new session: the
 * first sign-in of an account from a network (/24 or /64) and browser family
 * not seen within 90 days raises `security.new_sign_in_location` and mails the
 * account. An account's very first place is only remembered (its first
 * sign-in is not news). Never throws: an alert that cannot be recorded must
 * not refuse a sign-in. Answers whether it raised the alert.
 */
export async function noteSignIn(session: NotedSession): Promise<boolean> {
  const network = networkOf(session.ip);
  const agent = agentOf(session.userAgent);
  const run = (tx: Tx) => rememberAndAlert(tx, session, network, agent);
  try {
    // The event goes to the chain of the host the session is for (a member on a tenant's portal), else the platform's.
    return session.tenantId ? await withTenantScope(session.tenantId, run) : await withPlatformScope(run);
  } catch (err) {
    log.error({ component: "security", err }, "could not note a sign-in");
    return false;
  }
}

async function rememberAndAlert(tx: Tx, session: NotedSession, network: string, agent: string): Promise<boolean> {
  const days = LOCATION_MEMORY_DAYS;
  const [{ known_elsewhere }] = await tx.$queryRaw<{ known_elsewhere: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM sign_in_locations WHERE user_id = ${session.userId} AND (network, agent) <> (${network}, ${agent})
      AND last_seen_at > now() - make_interval(days => ${days})) AS known_elsewhere`;
  // ON CONFLICT makes one of two simultaneous first sign-ins the inserter; a stale place starts afresh.
  // first_seen_at = now() (the transaction's start, at the column's precision) holds only for a place new in this transaction.
  const [{ is_new }] = await tx.$queryRaw<{ is_new: boolean }[]>`
    INSERT INTO sign_in_locations AS l (user_id, network, agent) VALUES (${session.userId}, ${network}, ${agent})
    ON CONFLICT (user_id, network, agent) DO UPDATE SET last_seen_at = now(),
      first_seen_at = CASE WHEN l.last_seen_at <= now() - make_interval(days => ${days}) THEN now() ELSE l.first_seen_at END
    RETURNING l.first_seen_at = now()::timestamptz(3) AS is_new`;
  await tx.$executeRaw`
    DELETE FROM sign_in_locations WHERE user_id = ${session.userId} AND (network, agent) IN (
      SELECT network, agent FROM sign_in_locations WHERE user_id = ${session.userId} ORDER BY last_seen_at DESC OFFSET ${MAX_LOCATIONS_PER_ACCOUNT})`;
  if (!is_new || !known_elsewhere) return false;
  const user = await tx.user.findUnique({ where: { id: session.userId }, select: { id: true, email: true } });
  if (!user) return false;
  await raiseSecurityAlert(tx, {
    userId: user.id,
    tenantId: session.tenantId,
    kind: "new_sign_in_location",
    detail: { ip: session.ip ?? "unknown", device: agent, host: session.host, network, session_id: session.id },
    caller: accountCaller(user, { ip: session.ip, userAgent: session.userAgent, requestId: null }),
  });
  return true;
}
