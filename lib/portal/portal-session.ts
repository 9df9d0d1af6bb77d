import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { memberFromSessionCookie, type PortalMember } from "@/lib/auth/session-caller";
import { withTenantScope } from "@/lib/db/scope";
import { clientIp } from "@/lib/http/client-ip";
import { newId } from "@/lib/ids";
import type { TenantPermission } from "@/lib/tenant-access/permissions";
import { roleName } from "@/lib/tenant-access/role-permissions";
import { resolveTenantAccess } from "@/lib/tenant-access/tenant-actor";
import { portalTenant } from "@/lib/tenancy/portal-tenant";
import type { PortalTenant } from "@/lib/tenancy/resolve-host";

export type PortalSession = { tenant: PortalTenant; member: PortalMember; permissions: ReadonlySet<TenantPermission>; roleName: string };

/** What the member may do and what their role is called: it shapes the pages; every action checks again. */
export async function memberAccess(tenant: PortalTenant, member: PortalMember): Promise<{ permissions: ReadonlySet<TenantPermission>; roleName: string }> {
  return withTenantScope(tenant.id, async (tx) => ({ permissions: (await resolveTenantAccess(tx, member.actor, tenant.id)).permissions, roleName: await roleName(tx, tenant.id, member.role) }));
}

/** The signed-in member of this portal's tenant, or null (no session, another host's session, removed or suspended). */
export async function portalMember(tenant: PortalTenant): Promise<PortalMember | null> {
  if (tenant.status !== "active") return null;
  const h = await headers();
  const meta = { ip: clientIp(h.get("x-forwarded-for")), userAgent: h.get("user-agent"), requestId: newId("req") };
  return memberFromSessionCookie((await cookies()).toString(), h.get("host") ?? "", tenant.id, meta);
}

/**
 * For portal pages: the tenant, the member and what they may do. Without a
 * valid member session the visitor is sent to this host's sign-in page.
 * The permissions only shape what is shown; every action checks again.
 */
export async function requirePortalSession(slug: string, path: string): Promise<PortalSession> {
  const tenant = await portalTenant(slug);
  const member = await portalMember(tenant);
  if (!member) redirect(`/login?callbackUrl=${encodeURIComponent(path)}`);
  return { tenant, member, ...(await memberAccess(tenant, member)) };
}
