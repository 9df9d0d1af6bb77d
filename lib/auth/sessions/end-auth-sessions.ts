import type { SessionKind } from "@/lib/auth/sessions/types";
import type { Tx } from "@/lib/db/prisma";
import { appPool } from "@/lib/db/pools";

export type SessionFilter = { userId?: string; tenantId?: string; sessionIds?: string[]; exceptSessionId?: string; kind?: SessionKind; impersonationGrantId?: string };

/**
 * Why sessions end, for the caller's own audit record; ending sessions is
 * not an audit event by itself (the trigger — removal, suspension, reset — is).
 */
export type EndReason =
  | "signed_out"
  | "signed_out_elsewhere"
  | "ended_by_staff"
  | "member_removed"
  | "member_suspended"
  | "account_suspended"
  | "tenant_suspended"
  | "password_reset"
  | "impersonation_ended"
  | (string & {});

/**
 * Ends every session matching all of the filter's fields (deletes the rows:
 * the cookies stop working at their next request). At least one of userId,
 * tenantId, sessionIds or impersonationGrantId is required, so an empty filter never signs out
 * everyone. Pass `tx` to end them in the caller's transaction.
 */
export async function endAuthSessions(filter: SessionFilter, reason: EndReason, tx?: Tx): Promise<number> {
  void reason;
  if (!filter.userId && !filter.tenantId && !filter.sessionIds && !filter.impersonationGrantId) throw new Error("endAuthSessions needs a user, a tenant, session ids or an impersonation grant");
  if (filter.sessionIds && filter.sessionIds.length === 0) return 0;
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace("?", `$${params.length}`));
  };
  if (filter.userId) add("user_id = ?", filter.userId);
  if (filter.tenantId) add("tenant_id = ?", filter.tenantId);
  if (filter.sessionIds) add("id = ANY(?::text[])", filter.sessionIds);
  if (filter.exceptSessionId) add("id <> ?", filter.exceptSessionId);
  if (filter.kind) add("kind = ?", filter.kind);
  if (filter.impersonationGrantId) add("impersonation_grant_id = ?", filter.impersonationGrantId);
  const sql = `DELETE FROM auth_sessions WHERE ${where.join(" AND ")}`;
  if (tx) return tx.$executeRawUnsafe(sql, ...params);
  const { rowCount } = await appPool().query(sql, params);
  return rowCount ?? 0;
}
