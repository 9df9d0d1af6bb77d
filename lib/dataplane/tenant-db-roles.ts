import { tenantDbRoleName } from "@/lib/tenants/tenant-db-role";

export type TenantDbRoleKind = "reader" | "owner";

/** The tenant's read-only role (NOLOGIN; migration 20261207010000_tenant_reader_roles). */
export function tenantReaderRoleName(tenantId: string): string {
  return `${tenantId}_reader`.slice(0, 63);
}

/** `<tenant id>_reader` or `<tenant id>_owner` (issue 11's login role, the writer). */
export function tenantRoleName(tenantId: string, as: TenantDbRoleKind): string {
  return as === "reader" ? tenantReaderRoleName(tenantId) : tenantDbRoleName(tenantId);
}
