import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { ENROL_PATH } from "@/lib/auth/second-factor/enrolment-required";
import { memberFromSessionCookie, pendingEnrolmentSession, type PortalMember } from "@/lib/auth/session-caller";
import { withTenantScope } from "@/lib/db/scope";
import { clientIp } from "@/lib/http/client-ip";
import { newId } from "@/lib/ids";
import { supportRoleName } from "@/lib/impersonation/support-access";
import { isIpAllowed } from "@/lib/security-policy/assert-ip-allowed";
import type { TenantPermission } from "@/lib/tenant-access/permissions";
import { roleName } from "@/lib/tenant-access/role-permissions";
import { resolveTenantAccess } from "@/lib/tenant-access/tenant-actor";
import { portalTenant } from "@/lib/tenancy/portal-tenant";
import type { PortalTenant } from "@/lib/tenancy/resolve-host";

export type PortalSession = { tenant: PortalTenant; member: PortalMember; permissions: ReadonlySet<TenantPermission>; roleName: string };

// The layout and the page both ask within one render: React's per-request cache
// reads the session and the membership once (keyed by ids, not objects).

const accessOf = cache((tenantId: string, member: PortalMember) =>
  withTenantScope(tenantId, async (tx) => ({
    permissions: (await resolveTenantAccess(tx, member.actor, tenantId)).permissions,
    // Staff under a support grant hold no role here: they are named for what they are.
    roleName: member.actor.impersonation ? supportRoleName(member.actor.impersonation.mode) : await roleName(tx, tenantId, member.role),
  })),
);

/** What the member may do and what their role is called: it shapes the pages; every action checks again. */
export function memberAccess(tenant: PortalTenant, member: PortalMember): Promise<{ permissions: ReadonlySet<TenantPermission>; roleName: string }> {
  return accessOf(tenant.id, member);
}

const memberOf = cache(async (tenantId: string): Promise<PortalMember | null> => {
  const h = await headers();
  const meta = { ip: clientIp(h), userAgent: h.get("user-agent"), requestId: newId("req") };
  // Outside the tenant's IP allowlist a session is good for nothing: pages explain why (requirePortalSession), actions refuse by name.
  if (!(await isIpAllowed(tenantId, meta.ip))) return null;
  return memberFromSessionCookie((await cookies()).toString(), h.get("host") ?? "", tenantId, meta);
});

/** The visitor's address when the tenant's IP allowlist refuses it, else null ("unknown" when it cannot be worked out). */
export const refusedNetworkAddress = cache(async (tenantId: string): Promise<string | null> => {
  const ip = clientIp(await headers());
  return (await isIpAllowed(tenantId, ip)) ? null : (ip ?? "unknown");
});

/** The signed-in member of this portal's tenant, or null (no session, another host's session, removed or suspended). */
export async function portalMember(tenant: PortalTenant): Promise<PortalMember | null> {
  return tenant.status === "active" ? memberOf(tenant.id) : null;
}

/** A session that owes this tenant's required second factor may only enrol one: off to the enrolment page. */
export async function sendPendingToEnrolment(tenant: PortalTenant): Promise<void> {
  const h = await headers();
  if (tenant.status === "active" && (await pendingEnrolmentSession((await cookies()).toString(), h.get("host") ?? ""))) redirect(ENROL_PATH);
}

/**
 * For portal pages: the tenant, the member and what they may do. Without a
 * valid member session the visitor is sent to this host's sign-in page.
 * The permissions only shape what is shown; every action checks again.
 */
export async function requirePortalSession(slug: string, path: string): Promise<PortalSession> {
  const tenant = await portalTenant(slug);
  // Not a loop through /login (where signing in would be refused too): a page that names the address.
  if (await refusedNetworkAddress(tenant.id)) redirect("/network-not-allowed");
  const member = await portalMember(tenant);
  if (!member) {
    await sendPendingToEnrolment(tenant);
    redirect(`/login?callbackUrl=${encodeURIComponent(path)}`);
  }
  return { tenant, member, ...(await memberAccess(tenant, member)) };
}
