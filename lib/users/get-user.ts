import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { withPlatformScope } from "@/lib/db/scope";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { userIdSchema } from "@/lib/schemas/users";
import { BUILT_IN_ROLES, isBuiltInRole } from "@/lib/tenant-access/permissions";
import { serializeUser, USER_SELECT } from "@/lib/users/serialize-user";

/** One account and its memberships across every tenant, each with its role's display name. */
export async function getUser(caller: Caller, rawUserId: unknown) {
  authorize(caller, "tenants:read");
  const userId = parseOrThrow(userIdSchema, rawUserId);
  return withPlatformScope(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: USER_SELECT });
    if (!user) throw new AppError("not_found", `No user ${userId}`);
    const memberships = await tx.membership.findMany({
      where: { userId },
      orderBy: [{ joinedAt: "asc" }, { tenantId: "asc" }],
      select: { tenantId: true, role: true, status: true, joinedAt: true, lastActiveAt: true, tenant: { select: { name: true, slug: true, status: true } } },
    });
    // Custom roles are ids of the tenant's own roles: one query for all of them.
    const custom = memberships.filter((m) => !isBuiltInRole(m.role));
    const customRoles = custom.length
      ? await tx.tenantRole.findMany({ where: { OR: custom.map((m) => ({ tenantId: m.tenantId, id: m.role })) }, select: { tenantId: true, id: true, name: true } })
      : [];
    const customName = new Map(customRoles.map((r) => [`${r.tenantId}/${r.id}`, r.name]));
    return {
      user: serializeUser(user),
      memberships: memberships.map((m) => ({
        tenant_id: m.tenantId,
        tenant_name: m.tenant.name,
        tenant_slug: m.tenant.slug,
        tenant_status: m.tenant.status,
        role: m.role,
        role_name: isBuiltInRole(m.role) ? BUILT_IN_ROLES[m.role].name : (customName.get(`${m.tenantId}/${m.role}`) ?? m.role),
        status: m.status,
        joined_at: m.joinedAt.toISOString(),
        last_active_at: m.lastActiveAt?.toISOString() ?? null,
      })),
    };
  });
}
