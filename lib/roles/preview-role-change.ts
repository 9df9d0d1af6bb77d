import { withTenantScope } from "@/lib/db/scope";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { previewRoleChangeSchema } from "@/lib/schemas/roles";
import { isBuiltInRole } from "@/lib/tenant-access/permissions";
import { authorizeTenant, type TenantActor } from "@/lib/tenant-access/tenant-actor";
import { roleChangeEffects } from "@/lib/roles/role-change-effects";

/** What updateRole would do to the people holding the role, without changing anything. */
export async function previewRoleChange(actor: TenantActor, tenantId: string, roleId: string, input: unknown) {
  const { permissions } = parseOrThrow(previewRoleChangeSchema, input);
  return withTenantScope(tenantId, async (tx) => {
    await authorizeTenant(actor, tenantId, "roles:manage", tx);
    if (isBuiltInRole(roleId)) throw new AppError("invalid_state", "Built-in roles cannot be changed");
    const role = await tx.tenantRole.findFirst({ where: { tenantId, id: roleId } });
    if (!role) throw new AppError("not_found", `No role ${roleId} in this tenant`);
    return { changes: await roleChangeEffects(tx, tenantId, roleId, role.permissions, permissions) };
  });
}
