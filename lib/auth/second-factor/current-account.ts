import "server-only";
import { cookies, headers } from "next/headers";
import type { RequestMeta } from "@/lib/auth/caller";
import { callerFromSessionCookie, memberFromSessionCookie, pendingEnrolmentSession } from "@/lib/auth/session-caller";
import { sessionInfo } from "@/lib/auth/sessions/live-session";
import { env } from "@/lib/env";
import { clientIp } from "@/lib/http/client-ip";
import { currentRequestId } from "@/lib/observability/action-context";
import { resolveHost } from "@/lib/tenancy/resolve-host";
import type { SecondFactorAccount } from "@/lib/auth/second-factor/account";

export type CurrentAccount = SecondFactorAccount & {
  /** The session still owes the second factor its policy requires: only enrolment is open to it. */
  pending: boolean;
  /** What an authenticator app should call the entry: Atrium on the console, the tenant's name on its portal. */
  issuer: string;
};

/**
 * The account managing its own second factors on this host: a signed-in staff
 * member on the console, a signed-in member on a tenant's portal, or either
 * one whose session waits for enrolment (pendingEnrolmentSession). Null when
 * nobody is signed in here.
 */
export async function currentAccount(): Promise<CurrentAccount | null> {
  const h = await headers();
  const host = (h.get("host") ?? "").toLowerCase();
  const cookieHeader = (await cookies()).toString();
  const meta: RequestMeta = { ip: clientIp(h), userAgent: h.get("user-agent"), requestId: currentRequestId() };
  let tenant: { id: string; name: string } | null = null;
  if (host === env.rootDomain) {
    const caller = await callerFromSessionCookie(cookieHeader, host, meta);
    if (caller?.kind === "user") {
      return { userId: caller.id, email: caller.label, kind: "staff", tenantId: null, host, sessionId: caller.meta.session?.id ?? null, meta: caller.meta, pending: false, issuer: "Atrium" };
    }
  } else {
    const resolution = await resolveHost(host);
    if (resolution.kind !== "tenant" || resolution.tenant.status !== "active") return null;
    tenant = resolution.tenant;
    const member = await memberFromSessionCookie(cookieHeader, host, tenant.id, meta);
    // Staff acting as support here manage their own account on the console, never from a tenant's portal.
    if (member?.actor.impersonation) return null;
    if (member) {
      const m = member.actor.meta;
      return { userId: member.actor.userId, email: member.email, kind: "member", tenantId: tenant.id, host, sessionId: m.session?.id ?? null, meta: m, pending: false, issuer: tenant.name };
    }
  }
  const pending = await pendingEnrolmentSession(cookieHeader, host);
  if (!pending || (pending.kind === "member") !== (tenant !== null) || pending.tenantId !== (tenant?.id ?? null)) return null;
  return {
    userId: pending.userId,
    email: pending.user.email,
    kind: pending.kind,
    tenantId: pending.tenantId,
    host,
    sessionId: pending.id,
    meta: { ...meta, session: sessionInfo(pending) },
    pending: true,
    issuer: tenant?.name ?? "Atrium",
  };
}
