import { assertRecentAuthentication } from "@/lib/auth/sessions/recent-auth";
import { publishEvent } from "@/lib/events/publish-event";
import { withTenantScope } from "@/lib/db/scope";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { deleteRoleSchema } from "@/lib/schemas/roles";
import { requireHolds, type TenantActor } from "@/lib/tenant-access/tenant-actor";
import { authorizeTenantChange } from "@/lib/tenant-access/tenant-lock";
import { roleExists, rolePermissions } from "@/lib/tenant-access/role-permissions";
import { lockCustomRole } from "@/lib/roles/role-guards";

/** Moves the role's members and pending invitations to `replacement_role`, then deletes it. */
export async function deleteRole(actor: TenantActor, tenantId: string, roleId: string, input: unknown) {
  const { replacement_role: replacement } = parseOrThrow(deleteRoleSchema, input);
  return withTenantScope(tenantId, async (tx) => {
    const access = await authorizeTenantChange(actor, tenantId, "roles:manage", tx); // tenant, then role, then the members moved
    await assertRecentAuthentication(actor, "delete a role");
    const role = await lockCustomRole(tx, tenantId, roleId);
    if (replacement === roleId || !(await roleExists(tx, tenantId, replacement))) {
      throw new AppError("invalid_request", "Choose another existing role for the members who hold this one", [{ path: "replacement_role", message: "Unknown role" }]);
    }
    requireHolds(access, role.permissions, "delete this role");
    requireHolds(access, await rolePermissions(tx, tenantId, replacement), "move members to this role");
    const moved = await tx.membership.updateMany({ where: { tenantId, role: roleId }, data: { role: replacement } });
    await tx.tenantInvitation.updateMany({ where: { tenantId, role: roleId, acceptedAt: null }, data: { role: replacement } });
    await tx.tenantRole.delete({ where: { tenantId_id: { tenantId, id: roleId } } });
    await publishEvent(tx, access.auditCaller, {
      tenantId,
      action: "role.deleted",
      targetType: "role",
      targetId: roleId,
      targetLabel: role.name,
      before: { name: role.name, permissions: role.permissions },
      after: { replacement_role: replacement, members_moved: moved.count },
    });
    return { deleted: true, id: roleId, members_moved: moved.count };
  });
}
