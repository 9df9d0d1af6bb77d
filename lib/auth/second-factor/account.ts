import type { Caller, RequestMeta } from "@/lib/auth/caller";
import type { Tx } from "@/lib/db/prisma";
import { withPlatformScope, withTenantScope } from "@/lib/db/scope";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";

/**
 * Whose second factors a request manages: the signed-in account (or one whose
 * session still waits for enrolment), where it is (console, or a tenant's
 * portal), and the request's metadata for the audit trail.
 */
export type SecondFactorAccount = {
  userId: string;
  email: string;
  kind: "staff" | "member";
  /** The tenant whose portal this is; null on the console. */
  tenantId: string | null;
  /** The request's host (with port), as the session was issued for. */
  host: string;
  /** The auth session making the request, when there is one (part A's auth_sessions). */
  sessionId: string | null;
  meta: RequestMeta;
};

/** How the audit trail names the account acting on itself. */
export function accountCaller(account: SecondFactorAccount): Caller {
  return { kind: "user", id: account.userId, label: account.email, platformRole: null, permissions: new Set(), meta: account.meta };
}

/**
 * A transaction on the chain the account's events belong to: the tenant's
 * when it acts in a portal (its admins see it in their audit log), else the
 * platform's, as sign-in events are recorded (lib/audit/access-log.ts).
 */
export function inAccountScope<T>(account: SecondFactorAccount, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return account.tenantId === null ? withPlatformScope(fn) : withTenantScope(account.tenantId, fn);
}

/** The account as the actor re-authentication checks look at (a member's tenant policy decides for members). */
export function accountActor(account: SecondFactorAccount): TenantActor | Caller {
  return account.kind === "member" && account.tenantId
    ? { kind: "member", userId: account.userId, tenantId: account.tenantId, label: account.email, meta: account.meta }
    : accountCaller(account);
}
