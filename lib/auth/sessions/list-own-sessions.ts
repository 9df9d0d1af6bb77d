import { describeDevice, type DeviceType } from "@/lib/auth/sessions/describe-device";
import type { SignedInAccount } from "@/lib/auth/sessions/session-of-request";
import type { SecondFactorKind, SignInMethod } from "@/lib/auth/sessions/types";
import { appPool } from "@/lib/db/pools";

export type SessionView = {
  id: string;
  device: string;
  device_type: DeviceType;
  ip: string | null;
  method: SignInMethod;
  second_factor: SecondFactorKind | null;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  current: boolean;
};

type Row = { id: string; user_agent: string | null; ip: string | null; method: SignInMethod; second_factor: SecondFactorKind | null; created_at: Date; last_seen_at: Date; expires_at: Date };

/**
 * The signed-in account's own live sessions where it is now: staff see their
 * console sessions, a member their sessions on this tenant's host(s). The
 * current session comes first, then the most recently seen.
 */
export async function listOwnSessions(account: SignedInAccount): Promise<SessionView[]> {
  const { rows } = await appPool().query<Row>(
    `SELECT id, user_agent, ip, method, second_factor, created_at, last_seen_at, expires_at FROM auth_sessions
      WHERE user_id = $1 AND kind = $2 AND tenant_id IS NOT DISTINCT FROM $3 AND expires_at > now() AND NOT second_factor_pending
      ORDER BY (id = $4) DESC, last_seen_at DESC, id
      LIMIT 200`,
    [account.userId, account.kind, account.tenantId, account.session.id],
  );
  return rows.map((r) => {
    const device = describeDevice(r.user_agent);
    return {
      id: r.id,
      device: device.label,
      device_type: device.type,
      ip: r.ip,
      method: r.method,
      second_factor: r.second_factor,
      created_at: r.created_at.toISOString(),
      last_seen_at: r.last_seen_at.toISOString(),
      expires_at: r.expires_at.toISOString(),
      current: r.id === account.session.id,
    };
  });
}
