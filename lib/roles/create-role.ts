import { publishEvent } from "@/lib/events/publish-event";
import { withTenantScope } from "@/lib/db/scope";
import { parseOrThrow } from "@/lib/http/errors";
import { createRoleSchema } from "@/lib/schemas/roles";
import { authorizeTenant, requireHolds, type TenantActor } from "@/lib/tenant-access/tenant-actor";
import { builtInNameConflict, nameConflict, refuseOwnerOnly } from "@/lib/roles/role-guards";
import { newRoleId, serializeCustomRole } from "@/lib/roles/serialize-role";

export async function createRole(actor: TenantActor, tenantId: string, input: unknown) {
  const body = parseOrThrow(createRoleSchema, input);
  refuseOwnerOnly(body.permissions);
  builtInNameConflict(body.name);
  return withTenantScope(tenantId, async (tx) => {
    const access = await authorizeTenant(actor, tenantId, "roles:manage", tx);
    requireHolds(access, body.permissions, "create this role");
    const row = await tx.tenantRole
      .create({ data: { tenantId, id: newRoleId(), name: body.name, description: body.description, permissions: body.permissions } })
      .catch((e: unknown) => nameConflict(e, body.name));
    await publishEvent(tx, access.auditCaller, { tenantId, action: "role.created", targetType: "role", targetId: row.id, targetLabel: row.name, after: { name: row.name, description: row.description, permissions: row.permissions } });
    return { role: serializeCustomRole(row, 0) };
  });
}
