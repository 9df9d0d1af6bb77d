import { withTenantScope } from "@/lib/db/scope";
import { BUILT_IN_ROLES, BUILT_IN_ROLE_KEYS } from "@/lib/tenant-access/permissions";
import { authorizeTenant, type TenantActor } from "@/lib/tenant-access/tenant-actor";
import { serializeCustomRole, type RoleView } from "@/lib/roles/serialize-role";

/** Built-in roles (read-only) first, then the tenant's custom roles by name. */
export async function listRoles(actor: TenantActor, tenantId: string): Promise<{ roles: RoleView[] }> {
  return withTenantScope(tenantId, async (tx) => {
    await authorizeTenant(actor, tenantId, "roles:read", tx);
    const [custom, counts] = await Promise.all([
      tx.tenantRole.findMany({ where: { tenantId }, orderBy: [{ name: "asc" }, { id: "asc" }] }),
      tx.membership.groupBy({ by: ["role"], where: { tenantId }, _count: { _all: true } }),
    ]);
    const count = new Map(counts.map((c) => [c.role, c._count._all]));
    const builtIn = BUILT_IN_ROLE_KEYS.map((k): RoleView => ({
      id: k,
      name: BUILT_IN_ROLES[k].name,
      description: BUILT_IN_ROLES[k].description,
      permissions: [...BUILT_IN_ROLES[k].permissions],
      built_in: true,
      member_count: count.get(k) ?? 0,
      created_at: null,
      updated_at: null,
    }));
    return { roles: [...builtIn, ...custom.map((r) => serializeCustomRole(r, count.get(r.id) ?? 0))] };
  });
}
