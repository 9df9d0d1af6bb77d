import type { Caller, RequestMeta } from "@/lib/auth/caller";
import { relyingPartyFor, type RelyingParty } from "@/lib/auth/passkeys/relying-party";
import { callerFromSessionCookie, memberFromSessionCookie, pendingEnrolmentSession } from "@/lib/auth/session-caller";
import { sessionInfo } from "@/lib/auth/sessions/live-session";
import { withPlatformScope, withTenantScope } from "@/lib/db/scope";
import type { Tx } from "@/lib/db/prisma";
import { AppError } from "@/lib/http/errors";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";

/**
 * The signed-in account managing its own passkeys on this host: platform
 * staff on the console host, a member on their tenant's host. A support actor
 * (impersonation) has no say over the member's credentials.
 */
export type PasskeyAccount = {
  userId: string;
  email: string;
  rp: RelyingParty;
  /** Who the audit rows name. */
  caller: Caller;
  /** Who re-authentication is asked of (lib/auth/sessions/recent-auth.ts). */
  actor: TenantActor | Caller;
  /**
   * Set when the session signed in but still owes the second factor its policy
   * requires: it may add a passkey (which then is that factor), nothing else.
   */
  pendingSessionId?: string;
};

export async function passkeyAccount(cookieHeader: string | null, rawHost: string | null, meta: RequestMeta, opts: { enrolment?: boolean } = {}): Promise<PasskeyAccount> {
  const rp = await relyingPartyFor(rawHost);
  const signedOut = new AppError("authentication_required", "Your session has ended; sign in again");
  if (rp.kind === "staff") {
    const caller = await callerFromSessionCookie(cookieHeader, rp.host, meta);
    if (caller?.id) return { userId: caller.id, email: caller.label, rp, caller, actor: caller };
  }
  const member = rp.kind === "member" ? await memberFromSessionCookie(cookieHeader, rp.host, rp.tenantId!, meta) : null;
  if (!member) {
    const pending = opts.enrolment ? await pendingEnrolmentSession(cookieHeader, rp.host) : null;
    if (!pending || pending.kind !== rp.kind || pending.tenantId !== rp.tenantId) throw signedOut;
    const caller: Caller = { kind: "user", id: pending.userId, label: pending.user.email, platformRole: null, permissions: new Set(), meta: { ...meta, session: sessionInfo(pending) } };
    return { userId: pending.userId, email: pending.user.email, rp, caller, actor: caller, pendingSessionId: pending.id };
  }
  if (member.actor.meta.session?.impersonationGrantId) {
    throw new AppError("tenant_access_denied", "Support access cannot manage a member's passkeys");
  }
  const caller: Caller = { kind: "user", id: member.actor.userId, label: member.email, platformRole: null, permissions: new Set(), meta: member.actor.meta };
  return { userId: member.actor.userId, email: member.email, rp, caller, actor: member.actor };
}

/** A transaction on the chain the account's audit rows go to: its tenant's on a portal, the platform's on the console. */
export function inAccountScope<T>(account: PasskeyAccount, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return account.rp.tenantId ? withTenantScope(account.rp.tenantId, fn) : withPlatformScope(fn);
}
