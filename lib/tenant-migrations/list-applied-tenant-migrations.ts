import { withPlatformScope } from "@/lib/db/scope";
import { AppError } from "@/lib/http/errors";
import { readAppliedMigrationsOf, type AppliedTenantMigration } from "@/lib/tenant-migrations/schema-migrations-table";

/**
 * The tenant migrations applied to a tenant's schema, oldest first (the
 * Database tab's list). The caller has authorised the read; [] for a schema
 * that has none yet.
 */
export async function listAppliedTenantMigrations(tenantId: string): Promise<AppliedTenantMigration[]> {
  const tenant = await withPlatformScope((tx) => tx.tenant.findUnique({ where: { id: tenantId }, select: { schemaName: true } }));
  if (!tenant) throw new AppError("tenant_not_found", "Tenant not found");
  return readAppliedMigrationsOf(tenant.schemaName);
}
