import { publishEvent } from "@/lib/events/publish-event";
import type { Tx } from "@/lib/db/prisma";
import { withTenantScope } from "@/lib/db/scope";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { changeMemberRoleSchema } from "@/lib/schemas/members";
import { requireHolds, type TenantAccess, type TenantActor } from "@/lib/tenant-access/tenant-actor";
import { authorizeTenantChange } from "@/lib/tenant-access/tenant-lock";
import { roleExists, roleName, rolePermissions } from "@/lib/tenant-access/role-permissions";
import { keepAnOwner, lockOwnersAndMember, requireOutranks } from "@/lib/members/member-guards";
import { MEMBER_SELECT, serializeMember } from "@/lib/members/serialize-member";

export async function changeMemberRole(actor: TenantActor, tenantId: string, userId: string, input: unknown) {
  const { role } = parseOrThrow(changeMemberRoleSchema, input);
  return withTenantScope(tenantId, async (tx) => applyMemberRole(tx, await authorizeTenantChange(actor, tenantId, "members:update", tx), tenantId, userId, role));
}

/** The role change itself, inside the caller's transaction (after authorizeTenantChange with members:update). */
export async function applyMemberRole(tx: Tx, access: TenantAccess, tenantId: string, userId: string, role: string) {
  const { owners, member: before } = await lockOwnersAndMember(tx, tenantId, userId);
  if (!(await roleExists(tx, tenantId, role))) throw new AppError("invalid_request", `Unknown role ${role}`, [{ path: "role", message: "Unknown role" }]);
  await requireOutranks(tx, access, before.role);
  requireHolds(access, await rolePermissions(tx, tenantId, role), "grant this role");
  if (before.role === role) return { member: serializeMember(await tx.membership.findFirstOrThrow({ where: { tenantId, userId }, select: MEMBER_SELECT }), await roleName(tx, tenantId, role)) };
  if (before.role === "owner") keepAnOwner(owners, userId);
  const updated = await tx.membership.update({ where: { tenantId_userId: { tenantId, userId } }, data: { role }, select: MEMBER_SELECT });
  await publishEvent(tx, access.auditCaller, { tenantId, action: "member.role_changed", targetType: "user", targetId: userId, targetLabel: updated.user.email, before: { role: before.role }, after: { role } });
  return { member: serializeMember(updated, await roleName(tx, tenantId, role)) };
}
