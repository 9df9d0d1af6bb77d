import { defineRoute } from "@/lib/api-contracts/define-route";
import { tenantSchemaQuerySchema, tenantSchemaResponseSchema } from "@/lib/schemas/tenant-db-schema";

export const getTenantSchema = defineRoute({
  method: "GET",
  path: "/api/v1/tenants/{id}/schema",
  tag: "Schema operations",
  summary: "The tenant's database schema: tables, columns, indexes, constraints, foreign keys, row counts and sizes (seed 000)",
  description:
    "Read from pg_catalog, filtered by the schema's OID first, as the tenant's read-only database role (so it shows what that role can see). Row counts are the planner's estimates unless `exact_counts=true`, which counts tables estimated under 100,000 rows exactly (`row_count_exact`). `foreign_keys` lists the foreign keys of the tables returned (seed 000 shows a count: `total_foreign_keys`). 404 not_found for an unknown `table`. Members and tenant keys need data:read; platform callers need data:read (admin, operator).",
  access: { tenant: "data:read", platform: "data:read" },
  rateLimit: "schema_operations",
  query: tenantSchemaQuerySchema,
  responses: { 200: { description: "The schema", data: tenantSchemaResponseSchema } },
  errors: [400, 401, 403, 404, 409, 429],
});
