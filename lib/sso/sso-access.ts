import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import type { Tx } from "@/lib/db/prisma";
import { withTenantScope } from "@/lib/db/scope";
import { AppError } from "@/lib/http/errors";
import { authorizeTenant, type TenantActor } from "@/lib/tenant-access/tenant-actor";

/**
 * Who may see or change a tenant's identity provider: its members and keys
 * holding security:manage, platform staff with tenants:read (to look) or
 * tenants:update (to change). Runs `fn` in the tenant's scope with the caller
 * the audit trail names.
 */
export function withSsoAccess<T>(actor: TenantActor, tenantId: string, mode: "read" | "write", fn: (tx: Tx, auditCaller: Caller) => Promise<T>): Promise<T> {
  return withTenantScope(tenantId, async (tx) => {
    if (actor.kind === "platform") {
      authorize(actor.caller, mode === "read" ? "tenants:read" : "tenants:update");
      if (!(await tx.tenant.findUnique({ where: { id: tenantId }, select: { id: true } }))) throw new AppError("tenant_not_found", `No tenant with id ${tenantId}`);
      return fn(tx, actor.caller);
    }
    const access = await authorizeTenant(actor, tenantId, "security:manage", tx);
    return fn(tx, access.auditCaller);
  });
}
