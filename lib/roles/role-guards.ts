import type { Tx } from "@/lib/db/prisma";
import { AppError } from "@/lib/http/errors";
import { uniqueViolation } from "@/lib/db/unique-violation";
import { OWNER_ONLY_PERMISSIONS, isBuiltInRole } from "@/lib/tenant-access/permissions";

export function refuseOwnerOnly(permissions: readonly string[]): void {
  const reserved = permissions.filter((p) => (OWNER_ONLY_PERMISSIONS as readonly string[]).includes(p));
  if (reserved.length) {
    throw new AppError("invalid_request", `Only the built-in owner role can hold ${reserved.join(", ")}`, [{ path: "permissions", message: `Reserved for owners: ${reserved.join(", ")}` }]);
  }
}

/** The custom role's row, locked; built-in roles are read-only. */
export async function lockCustomRole(tx: Tx, tenantId: string, roleId: string) {
  if (isBuiltInRole(roleId)) throw new AppError("invalid_state", "Built-in roles cannot be changed");
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM tenant_roles WHERE tenant_id = ${tenantId} AND id = ${roleId} FOR UPDATE`;
  if (!rows[0]) throw new AppError("not_found", `No role ${roleId} in this tenant`);
  return tx.tenantRole.findFirstOrThrow({ where: { tenantId, id: roleId } });
}

export function nameConflict(err: unknown, name: string): never {
  if (uniqueViolation(err) === "tenant_roles_tenant_id_name_key") {
    throw new AppError("invalid_state", `A role named "${name}" already exists`, [{ path: "name", message: "Already used by another role" }]);
  }
  throw err;
}

export function builtInNameConflict(name: string): void {
  if (isBuiltInRole(name.toLowerCase())) throw new AppError("invalid_state", `"${name}" is a built-in role`, [{ path: "name", message: "Already used by a built-in role" }]);
}
