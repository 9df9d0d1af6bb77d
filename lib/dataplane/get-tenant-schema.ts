import { authorizeTenantData } from "@/lib/dataplane/authorize-data";
import { readTenantSchema } from "@/lib/dataplane/read-tenant-schema";
import { tenantSchemaName } from "@/lib/dataplane/identifiers";
import type { TenantSchemaInfo, TenantSchemaQuery } from "@/lib/schemas/tenant-db-schema";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";

/** GET /api/v1/tenants/{id}/schema and the console's Database tab: authorised (data:read), then read as the tenant's reader. */
export async function getTenantSchema(actor: TenantActor, tenantId: string, q: TenantSchemaQuery): Promise<TenantSchemaInfo> {
  await authorizeTenantData(actor, tenantId, "data:read");
  // 404 for an unknown tenant before any connection is made for it.
  await tenantSchemaName(tenantId);
  return readTenantSchema(tenantId, { table: q.table, includeIndexes: q.include_indexes, includeConstraints: q.include_constraints, exactCounts: q.exact_counts });
}
