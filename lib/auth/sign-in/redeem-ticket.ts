import { createAuthSession } from "@/lib/auth/sessions/create-auth-session";
import { redeemSignInTicket } from "@/lib/auth/sign-in/sign-in-ticket";
import { appPool } from "@/lib/db/pools";
import { withTenantScope } from "@/lib/db/scope";
import { env } from "@/lib/env";
import { resolveHost } from "@/lib/tenancy/resolve-host";

export type TicketUser = { id: string; email: string; name: string; host: string; kind: "staff" | "member"; tenantId?: string; sid: string };

/**
 * What the next-auth "ticket" provider does: redeems the ticket on the host it
 * was issued for, checks that the account may still enter there (active
 * account; staff role on the console; active membership of an active tenant
 * on that tenant's host), and records the session.
 */
export async function signInWithTicket(ticket: string, host: string, ip: string | null, userAgent: string | null): Promise<TicketUser | null> {
  const t = await redeemSignInTicket(ticket, host);
  if (!t) return null;
  const { rows } = await appPool().query<{ id: string; email: string; name: string; status: string; platform_role: string | null }>(
    "SELECT id, email, name, status, platform_role FROM users WHERE id = $1",
    [t.userId],
  );
  const user = rows[0];
  if (!user || user.status !== "active") return null;
  if (t.kind === "staff") {
    if (host !== env.rootDomain || !user.platform_role) return null;
  } else {
    const resolution = await resolveHost(host);
    if (resolution.kind !== "tenant" || resolution.tenant.id !== t.tenantId || resolution.tenant.status !== "active") return null;
    // A support actor (impersonation) enters through its grant, not a membership.
    if (t.method !== "impersonation") {
      const m = await withTenantScope(t.tenantId!, (tx) => tx.membership.findFirst({ where: { tenantId: t.tenantId!, userId: t.userId }, select: { status: true } }));
      if (m?.status !== "active") return null;
    }
  }
  const session = await createAuthSession({
    userId: t.userId,
    kind: t.kind,
    tenantId: t.tenantId,
    host,
    ip,
    userAgent,
    method: t.method,
    secondFactor: t.secondFactor,
    impersonationGrantId: t.impersonationGrantId ?? null,
  });
  return { id: user.id, email: user.email, name: user.name, host, kind: t.kind, ...(t.tenantId ? { tenantId: t.tenantId } : {}), sid: session.id };
}
