import type { JWT } from "next-auth/jwt";
import { sessionLimits } from "@/lib/auth/sessions/session-policy";
import type { SecondFactorKind, SessionInfo, SessionKind } from "@/lib/auth/sessions/types";
import { appPool } from "@/lib/db/pools";

/** How often last_seen_at is written: it is a "seen recently" figure, and writing it on every request would turn reads into writes. */
export const LAST_SEEN_RESOLUTION_SECONDS = 60;

export type LiveSession = SessionInfo & {
  userId: string;
  kind: SessionKind;
  tenantId: string | null;
  secondFactorPending: boolean;
  user: { id: string; email: string; name: string; status: string; platformRole: string | null };
};

type Row = {
  id: string;
  user_id: string;
  kind: SessionKind;
  tenant_id: string | null;
  created_at: Date;
  last_seen_at: Date;
  reauthenticated_at: Date | null;
  second_factor: SecondFactorKind | null;
  second_factor_pending: boolean;
  impersonation_grant_id: string | null;
  email: string;
  name: string;
  status: string;
  platform_role: string | null;
};

/**
 * The session record behind a decoded session token, with its account, or
 * null: no `sid`, no row (signed out, ended), another host/account/kind/tenant,
 * past its absolute lifetime or idle for longer than its limit (the row is then
 * deleted). One round trip reads the row and the account and, at most once a
 * minute, touches last_seen_at.
 */
export async function liveSession(token: JWT, host: string, kind: SessionKind, tenantId: string | null): Promise<LiveSession | null> {
  const sid = token.sid;
  if (typeof sid !== "string" || !token.sub) return null;
  const { rows } = await appPool().query<Row>(
    `WITH s AS (
       SELECT * FROM auth_sessions
        WHERE id = $1 AND user_id = $2 AND host = $3 AND kind = $4 AND tenant_id IS NOT DISTINCT FROM $5 AND expires_at > now()
     ), touched AS (
       UPDATE auth_sessions a SET last_seen_at = now() FROM s
        WHERE a.id = s.id AND s.last_seen_at < now() - make_interval(secs => ${LAST_SEEN_RESOLUTION_SECONDS})
     )
     SELECT s.id, s.user_id, s.kind, s.tenant_id, s.created_at, s.last_seen_at, s.reauthenticated_at, s.second_factor,
            s.second_factor_pending, s.impersonation_grant_id, u.email, u.name, u.status, u.platform_role
       FROM s JOIN users u ON u.id = s.user_id`,
    [sid, token.sub, host.toLowerCase(), kind, tenantId],
  );
  const r = rows[0];
  if (!r) return null;
  if (kind === "member") {
    const limits = await sessionLimits("member", tenantId);
    const idleMs = limits.idleTimeoutSeconds === null ? null : limits.idleTimeoutSeconds * 1000;
    const lifeMs = limits.absoluteLifetimeSeconds * 1000;
    const now = Date.now();
    // The policy may have tightened since sign-in: expires_at was fixed then, so both limits are checked again here.
    if ((idleMs !== null && now - r.last_seen_at.getTime() > idleMs) || now - r.created_at.getTime() > lifeMs) {
      await appPool().query("DELETE FROM auth_sessions WHERE id = $1", [r.id]);
      return null;
    }
  }
  return {
    id: r.id,
    createdAt: r.created_at,
    reauthenticatedAt: r.reauthenticated_at,
    secondFactor: r.second_factor,
    impersonationGrantId: r.impersonation_grant_id,
    userId: r.user_id,
    kind: r.kind,
    tenantId: r.tenant_id,
    secondFactorPending: r.second_factor_pending,
    user: { id: r.user_id, email: r.email, name: r.name, status: r.status, platformRole: r.platform_role },
  };
}

export const sessionInfo = (s: LiveSession): SessionInfo => ({
  id: s.id,
  createdAt: s.createdAt,
  reauthenticatedAt: s.reauthenticatedAt,
  secondFactor: s.secondFactor,
  impersonationGrantId: s.impersonationGrantId,
});
