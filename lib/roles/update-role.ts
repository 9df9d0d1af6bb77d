import { publishEvent } from "@/lib/events/publish-event";
import { withTenantScope } from "@/lib/db/scope";
import { parseOrThrow } from "@/lib/http/errors";
import { updateRoleSchema } from "@/lib/schemas/roles";
import { requireHolds, type TenantActor } from "@/lib/tenant-access/tenant-actor";
import { authorizeTenantChange } from "@/lib/tenant-access/tenant-lock";
import { builtInNameConflict, lockCustomRole, nameConflict, refuseOwnerOnly } from "@/lib/roles/role-guards";
import { roleChangeEffects } from "@/lib/roles/role-change-effects";
import { serializeCustomRole } from "@/lib/roles/serialize-role";

/** Returns the role and, per member holding it, the permissions gained and lost. */
export async function updateRole(actor: TenantActor, tenantId: string, roleId: string, input: unknown) {
  const body = parseOrThrow(updateRoleSchema, input);
  if (body.permissions) refuseOwnerOnly(body.permissions);
  if (body.name) builtInNameConflict(body.name);
  return withTenantScope(tenantId, async (tx) => {
    // Under the tenant lock: what a role grants is what concurrent member changes check against.
    const access = await authorizeTenantChange(actor, tenantId, "roles:manage", tx);
    const before = await lockCustomRole(tx, tenantId, roleId);
    const permissions = body.permissions ?? before.permissions;
    // Both directions: adding needs the permission, and so does taking it away from others.
    requireHolds(access, new Set([...before.permissions, ...permissions]), "change this role");
    const changes = await roleChangeEffects(tx, tenantId, roleId, before.permissions, permissions);
    const row = await tx.tenantRole
      .update({ where: { tenantId_id: { tenantId, id: roleId } }, data: { ...body, permissions, updatedAt: new Date() } })
      .catch((e: unknown) => nameConflict(e, body.name ?? before.name));
    await publishEvent(tx, access.auditCaller, {
      tenantId,
      action: "role.updated",
      targetType: "role",
      targetId: roleId,
      targetLabel: row.name,
      before: { name: before.name, description: before.description, permissions: before.permissions },
      after: { name: row.name, description: row.description, permissions: row.permissions },
    });
    const members = await tx.membership.count({ where: { tenantId, role: roleId } });
    return { role: serializeCustomRole(row, members), changes };
  });
}
