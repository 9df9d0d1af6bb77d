import { withTenantScope } from "@/lib/db/scope";
import { grantView } from "@/lib/impersonation/grant-view";
import type { ImpersonationGrantView } from "@/lib/schemas/impersonation";
import { resolveTenantAccess, type TenantActor } from "@/lib/tenant-access/tenant-actor";

export type SupportNotices = { live: ImpersonationGrantView[]; pending: ImpersonationGrantView[]; canDecide: boolean };

/**
 * What the portal's banners say to a member: support access in progress
 * (every member is told), and for owners the requests awaiting them. A support
 * actor is not shown the tenant's side (its own banner says it all).
 */
export async function supportNotices(actor: TenantActor, tenantId: string): Promise<SupportNotices> {
  if (actor.kind !== "member" || actor.impersonation) return { live: [], pending: [], canDecide: false };
  return withTenantScope(tenantId, async (tx) => {
    const access = await resolveTenantAccess(tx, actor, tenantId);
    const canDecide = access.permissions.has("support_access:manage");
    const rows = await tx.impersonationGrant.findMany({
      where: { tenantId, OR: [{ status: "approved", expiresAt: { gt: new Date() } }, ...(canDecide ? [{ status: "requested" }] : [])] },
      orderBy: { requestedAt: "asc" },
      take: 20,
    });
    const views = rows.map(grantView);
    return { live: views.filter((g) => g.status === "approved"), pending: views.filter((g) => g.status === "requested"), canDecide };
  });
}
