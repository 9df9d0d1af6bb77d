import { authorize } from "@/lib/auth/authorize";
import { withTenantScope } from "@/lib/db/scope";
import { AppError } from "@/lib/http/errors";
import { grantView } from "@/lib/impersonation/grant-view";
import type { ImpersonationGrantView } from "@/lib/schemas/impersonation";
import { authorizeTenant, type TenantActor } from "@/lib/tenant-access/tenant-actor";

/** Newest first, at most the last 100 (requests are rare; older ones stay in the audit log). */
export async function listImpersonationRequests(actor: TenantActor, tenantId: string): Promise<ImpersonationGrantView[]> {
  if (actor.kind === "platform") authorize(actor.caller, "tenants:impersonate");
  return withTenantScope(tenantId, async (tx) => {
    if (actor.kind === "platform") {
      if (!(await tx.tenant.findUnique({ where: { id: tenantId }, select: { id: true } }))) throw new AppError("tenant_not_found", `No tenant with id ${tenantId}`);
    } else {
      await authorizeTenant(actor, tenantId, "support_access:manage", tx);
    }
    const rows = await tx.impersonationGrant.findMany({ where: { tenantId }, orderBy: [{ requestedAt: "desc" }, { id: "desc" }], take: 100 });
    return rows.map(grantView);
  });
}
