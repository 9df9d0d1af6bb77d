import { publishEvent } from "@/lib/events/publish-event";
import { auditedConnection } from "@/lib/sso/serialize-sso-connection";
import { withSsoAccess } from "@/lib/sso/sso-access";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";

/** Removes the identity provider (and its sealed secret); members keep their accounts and memberships. */
export function deleteSsoConnection(actor: TenantActor, tenantId: string) {
  return withSsoAccess(actor, tenantId, "write", async (tx, auditCaller) => {
    const before = await tx.tenantSsoConnection.findUnique({ where: { tenantId } });
    if (!before) return { deleted: false };
    await tx.tenantSsoConnection.delete({ where: { tenantId } });
    await publishEvent(tx, auditCaller, { tenantId, action: "sso.connection_deleted", targetType: "sso_connection", targetId: tenantId, targetLabel: before.displayName, before: auditedConnection(before), after: null });
    return { deleted: true };
  });
}
