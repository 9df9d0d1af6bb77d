import { withTenantScope } from "@/lib/db/scope";
import type { Tx } from "@/lib/db/prisma";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { memberIdSchema } from "@/lib/schemas/members";
import { BUILT_IN_ROLES, isBuiltInRole } from "@/lib/tenant-access/permissions";
import { authorizeTenant, type TenantActor } from "@/lib/tenant-access/tenant-actor";
import { authorizeTenantChange } from "@/lib/tenant-access/tenant-lock";
import { lockOwnersAndMember } from "@/lib/members/member-guards";
import { applyMemberRole } from "@/lib/members/change-member-role";
import { serializeCustomRole, type RoleView } from "@/lib/roles/serialize-role";

/** A member holds exactly one role; removing it falls back to this one. */
export const DEFAULT_ROLE = "member";

async function roleView(tx: Tx, tenantId: string, role: string): Promise<RoleView> {
  const members = await tx.membership.count({ where: { tenantId, role } });
  if (isBuiltInRole(role)) {
    const r = BUILT_IN_ROLES[role];
    return { id: role, name: r.name, description: r.description, permissions: [...r.permissions], built_in: true, member_count: members, created_at: null, updated_at: null };
  }
  const row = await tx.tenantRole.findFirst({ where: { tenantId, id: role } });
  if (!row) throw new AppError("not_found", `No role ${role} in this tenant`);
  return serializeCustomRole(row, members);
}

/** The member's role, as a one-element list (the API's shape allows several later). */
export async function getMemberRoles(actor: TenantActor, tenantId: string, rawUserId: unknown) {
  const userId = parseOrThrow(memberIdSchema, rawUserId);
  return withTenantScope(tenantId, async (tx) => {
    await authorizeTenant(actor, tenantId, "members:read", tx);
    const m = await tx.membership.findFirst({ where: { tenantId, userId }, select: { role: true } });
    if (!m) throw new AppError("not_found", `No member ${userId} in this tenant`);
    return { user_id: userId, roles: [await roleView(tx, tenantId, m.role)] };
  });
}

/** Removing the member's current role moves them to the default "member" role. */
export async function removeMemberRole(actor: TenantActor, tenantId: string, rawUserId: unknown, rawRoleId: unknown) {
  const userId = parseOrThrow(memberIdSchema, rawUserId);
  const roleId = parseOrThrow(memberIdSchema, rawRoleId);
  return withTenantScope(tenantId, async (tx) => {
    const access = await authorizeTenantChange(actor, tenantId, "members:update", tx);
    const { member: before } = await lockOwnersAndMember(tx, tenantId, userId);
    if (before.role !== roleId) throw new AppError("not_found", `Member ${userId} does not hold role ${roleId}`);
    if (roleId === DEFAULT_ROLE) throw new AppError("invalid_state", `"${DEFAULT_ROLE}" is the default role; set another role instead of removing it`);
    return applyMemberRole(tx, access, tenantId, userId, DEFAULT_ROLE);
  });
}
