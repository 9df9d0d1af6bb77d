import "server-only";
import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import type { Tx } from "@/lib/db/prisma";
import { withPlatformScope, withTenantScope } from "@/lib/db/scope";
import type { AuditScope } from "@/lib/audit/audit-query";
import { AppError } from "@/lib/http/errors";
import { requireTenantFeature } from "@/lib/portal/tenant-plan-feature";
import { authorizeTenant, type TenantActor } from "@/lib/tenant-access/tenant-actor";

/**
 * Who may read which log: platform staff with audit:read any tenant's and the
 * platform's; a tenant's members and keys with the tenant's audit:read only
 * their own tenant's, and only when their plan has the audit_logs feature
 * (the API, the portal's pages and its export alike; staff read any plan's).
 * Answers the caller the read is audited as (exports).
 */
export async function authorizeAuditRead(tx: Tx, actor: TenantActor, scope: AuditScope): Promise<Caller> {
  if (actor.kind === "platform") {
    // No lookup of the tenant: the record of a tenant whose provisioning was rolled back outlives its row.
    authorize(actor.caller, "audit:read");
    return actor.caller;
  }
  if (scope.kind === "platform") throw new AppError("admin_privileges_required", "The platform's audit log is for platform staff with audit:read", { permission: "audit:read" });
  const access = await authorizeTenant(actor, scope.tenantId, "audit:read", tx);
  await requireTenantFeature(scope.tenantId, "audit_logs", "The audit log", tx);
  return access.auditCaller;
}

/** The transaction a scope's rows are visible in: the tenant's (RLS), or platform scope. */
export function inAuditScope<T>(scope: AuditScope, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return scope.kind === "tenant" ? withTenantScope(scope.tenantId, fn) : withPlatformScope(fn);
}
