import { authorizeTenantData } from "@/lib/dataplane/authorize-data";
import { tenantSchemaName } from "@/lib/dataplane/identifiers";
import { readTenantSchema } from "@/lib/dataplane/read-tenant-schema";
import type { TenantSchemaInfo } from "@/lib/schemas/tenant-db-schema";
import { listAppliedTenantMigrations } from "@/lib/tenant-migrations/list-applied-tenant-migrations";
import type { AppliedTenantMigration } from "@/lib/tenant-migrations/schema-migrations-table";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";

export type TenantDatabase = { schema: TenantSchemaInfo; migrations: AppliedTenantMigration[] };

/** The console's Database tab: the schema (as GET …/schema with every section) and the applied tenant migrations, both under data:read. */
export async function loadTenantDatabase(actor: TenantActor, tenantId: string): Promise<TenantDatabase> {
  await authorizeTenantData(actor, tenantId, "data:read");
  await tenantSchemaName(tenantId);
  const [schema, migrations] = await Promise.all([
    readTenantSchema(tenantId, { includeIndexes: true, includeConstraints: true, exactCounts: false }),
    listAppliedTenantMigrations(tenantId),
  ]);
  return { schema, migrations };
}
