import { authorize } from "@/lib/auth/authorize";
import type { Caller, RequestMeta } from "@/lib/auth/caller";
import { consumeOneTimeToken, issueOneTimeToken } from "@/lib/auth/one-time-tokens";
import { issueSignInTicket } from "@/lib/auth/sign-in/sign-in-ticket";
import { withTenantScope } from "@/lib/db/scope";
import { primaryDomainHost } from "@/lib/domains/primary-domain";
import { publishEvent } from "@/lib/events/publish-event";
import { AppError } from "@/lib/http/errors";
import { isLive } from "@/lib/impersonation/lock-grant";
import { supportActorLabel } from "@/lib/impersonation/support-access";
import { raiseSecurityAlert } from "@/lib/security-alerts/raise-security-alert";
import { tenantBaseUrl } from "@/lib/tenancy/tenant-base-url";

/** The console hands the browser to the portal with this; it is spent at once. */
const ENTRY_TTL_SECONDS = 60;

/**
 * "Open portal as support" on the console: for the staff member who asked,
 * while their grant is approved and unexpired, a single-use entry token bound
 * to the tenant's host (built from stored hosts, never a request's Host), and
 * the portal URL that redeems it.
 */
export async function issueImpersonationEntry(caller: Caller, tenantId: string, grantId: string): Promise<{ url: string }> {
  authorize(caller, "tenants:impersonate");
  const { host, base } = await withTenantScope(tenantId, async (tx) => {
    const g = await tx.impersonationGrant.findFirst({ where: { id: grantId, tenantId } });
    if (!g) throw new AppError("not_found", `No support access request with id ${grantId} in this tenant`);
    if (g.staffUserId !== caller.id) throw new AppError("admin_privileges_required", "Only the staff member who asked for this access can use it", { permission: "tenants:impersonate" });
    if (!isLive(g)) throw new AppError("invalid_state", g.status === "requested" ? "The tenant's owners have not approved this request yet" : `This access is ${g.status === "approved" ? "expired" : g.status}`, { status: g.status });
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { slug: true, status: true } });
    if (tenant.status !== "active") throw new AppError("invalid_state", `The tenant is ${tenant.status}: its portal is closed`);
    const base = tenantBaseUrl({ slug: tenant.slug, primaryDomain: await primaryDomainHost(tx, tenantId) });
    return { base, host: new URL(base).host };
  });
  const token = await issueOneTimeToken({ purpose: "impersonation_entry", host, ttlSeconds: ENTRY_TTL_SECONDS, userId: caller.id, tenantId, data: { grantId } });
  return { url: `${base}/api/impersonation/enter?token=${encodeURIComponent(token)}` };
}

/**
 * The portal side: spends the entry token on the host it was issued for,
 * checks again that the grant is live and the staff account active with a
 * platform role, records impersonation.started (and the tenant's security
 * alert), and answers A's sign-in ticket for a support session under the grant.
 */
export async function redeemImpersonationEntry(token: string, host: string, meta: RequestMeta): Promise<string> {
  const claims = await consumeOneTimeToken(token, "impersonation_entry", host);
  const grantId = typeof claims?.data.grantId === "string" ? claims.data.grantId : null;
  if (!claims?.userId || !claims.tenantId || !grantId) throw new AppError("authentication_required", "This support entry link is invalid, used or expired; open the portal again from the console");
  const tenantId = claims.tenantId;
  const userId = claims.userId;
  await withTenantScope(tenantId, async (tx) => {
    const g = await tx.impersonationGrant.findFirst({ where: { id: grantId, tenantId, staffUserId: userId } });
    const staff = await tx.user.findUnique({ where: { id: userId }, select: { status: true, platformRole: true, email: true } });
    if (!g || !isLive(g)) throw new AppError("tenant_access_denied", "This support access has ended");
    if (!staff || staff.status !== "active" || !staff.platformRole) throw new AppError("tenant_access_denied", "This staff account can no longer enter portals");
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { slug: true } });
    const caller: Caller = { kind: "user", id: userId, label: supportActorLabel(staff.email, tenant.slug, grantId), platformRole: null, permissions: new Set(), meta };
    const target = { tenantId, targetType: "impersonation_grant", targetId: grantId, targetLabel: `${g.staffEmail}: ${g.reason}`.slice(0, 500) };
    await publishEvent(tx, caller, { ...target, action: "impersonation.started", after: { request_id: grantId, staff_email: staff.email, mode: g.mode, expires_at: g.expiresAt?.toISOString() } });
    await raiseSecurityAlert(tx, { tenantId, kind: "impersonation_started", caller, detail: { staff: staff.email, mode: g.mode, reason: g.reason, request: grantId, until: g.expiresAt?.toISOString() } });
  });
  return issueSignInTicket({ userId, kind: "member", tenantId, host, method: "impersonation", secondFactor: null, impersonationGrantId: grantId });
}
