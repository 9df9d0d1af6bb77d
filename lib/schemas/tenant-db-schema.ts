import { z } from "zod";

// GET /api/v1/tenants/{id}/schema (seed 000 "Get Tenant Schema"): what is in
// the tenant's PostgreSQL schema, read from pg_catalog (lib/dataplane/read-tenant-schema.ts).

const booleanParam = (fallback: boolean) =>
  z
    .enum(["true", "false"], { error: "Must be true or false" })
    .default(fallback ? "true" : "false")
    .transform((v) => v === "true");

export const tenantSchemaQuerySchema = z.strictObject({
  table: z.string().min(1).max(63, "PostgreSQL names are at most 63 bytes").optional().describe("Only this table (404 not_found when the schema has none by that name)"),
  include_indexes: booleanParam(true).describe("Include each table's indexes (default true)"),
  include_constraints: booleanParam(true).describe("Include each table's constraints and the foreign keys (default true)"),
  exact_counts: booleanParam(false).describe("Count rows exactly (as the tenant's read-only role) for tables whose estimate is under 100,000 rows; larger tables keep the estimate"),
});
export type TenantSchemaQuery = z.output<typeof tenantSchemaQuerySchema>;

export const CONSTRAINT_TYPES = ["primary_key", "unique", "foreign_key", "check", "exclusion", "not_null", "trigger"] as const;

const columnSchema = z.object({
  name: z.string(),
  type: z.string().describe("format_type(), e.g. character varying(255), timestamp with time zone"),
  nullable: z.boolean(),
  default: z.string().nullable().describe("The default expression (identity columns: 'generated … as identity')"),
  constraints: z.array(z.string()).describe("PRIMARY KEY, UNIQUE, NOT NULL, FOREIGN KEY, CHECK, EXCLUDE on this column"),
});

const indexSchema = z.object({
  name: z.string(),
  columns: z.array(z.string()).describe("Key columns or expressions, in order"),
  type: z.string().describe("primary_key for the primary key's index (seed 000), else the access method"),
  method: z.string().describe("Access method: btree, hash, gin, gist, brin, …"),
  unique: z.boolean(),
  primary: z.boolean(),
  definition: z.string(),
});

const constraintSchema = z.object({
  name: z.string(),
  type: z.enum(CONSTRAINT_TYPES),
  columns: z.array(z.string()),
  definition: z.string(),
});

const foreignKeySchema = z.object({
  name: z.string(),
  table: z.string(),
  columns: z.array(z.string()),
  references_table: z.string(),
  references_columns: z.array(z.string()),
  on_delete: z.string(),
  on_update: z.string(),
});
export type ForeignKeyInfo = z.infer<typeof foreignKeySchema>;

const tableSchema = z.object({
  name: z.string(),
  columns: z.array(columnSchema),
  indexes: z.array(indexSchema).optional().describe("With include_indexes=true"),
  constraints: z.array(constraintSchema).optional().describe("With include_constraints=true"),
  row_count: z.number().int().describe("From the planner's statistics (reltuples, else live tuples), or exact when row_count_exact"),
  row_count_exact: z.boolean(),
  size_mb: z.number().describe("pg_total_relation_size: the table, its indexes and TOAST"),
  last_analyzed: z.iso.datetime().nullable().describe("The later of the last ANALYZE and autoanalyze"),
});
export type TableInfo = z.infer<typeof tableSchema>;

export const tenantSchemaResponseSchema = z.object({
  schema: z.string(),
  tables: z.array(tableSchema),
  schema_size_mb: z.number().describe("Every table and materialised view in the schema, with indexes and TOAST"),
  total_tables: z.number().int(),
  total_indexes: z.number().int().describe("Indexes in the whole schema"),
  foreign_keys: z.array(foreignKeySchema).describe("Foreign keys of the tables returned (an array, where seed 000 shows a count; total_foreign_keys is that count)"),
  total_foreign_keys: z.number().int(),
});
export type TenantSchemaInfo = z.infer<typeof tenantSchemaResponseSchema>;
