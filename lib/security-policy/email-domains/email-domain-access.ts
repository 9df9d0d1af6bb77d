import type { Tx } from "@/lib/db/prisma";
import { AppError } from "@/lib/http/errors";
import { rolePermissions, roleExists } from "@/lib/tenant-access/role-permissions";
import { requireHolds, type TenantAccess } from "@/lib/tenant-access/tenant-actor";

export async function findEmailDomainOrThrow(tx: Tx, tenantId: string, domain: string) {
  const row = await tx.tenantEmailDomain.findUnique({ where: { tenantId_domain: { tenantId, domain: domain.toLowerCase() } } });
  if (!row) throw new AppError("not_found", `No email domain ${domain} in this tenant`);
  return row;
}

/**
 * A capture role must exist, may not be the owner role (ownership is never
 * given by an address alone), and may hold nothing the person setting it lacks.
 */
export async function assertCaptureRole(tx: Tx, access: TenantAccess, role: string): Promise<void> {
  if (role === "owner") throw new AppError("invalid_request", "capture_role: people joining by their email domain cannot become owners", [{ path: "capture_role", message: "The owner role cannot be a capture role" }]);
  if (!(await roleExists(tx, access.tenantId, role))) {
    throw new AppError("invalid_request", `capture_role: no role ${role} in this tenant`, [{ path: "capture_role", message: `No role ${role} in this tenant` }]);
  }
  requireHolds(access, await rolePermissions(tx, access.tenantId, role), "make this the capture role");
}
