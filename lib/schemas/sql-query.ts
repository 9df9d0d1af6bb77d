import { z } from "zod";

/**
 * POST /api/v1/tenants/{id}/query (seed 000 "Execute Schema Query", issue 12
 * §3). Shared by the route, the console's SQL page and the OpenAPI document.
 */

export const SQL_QUERY_MAX_CHARS = 100_000;
export const SQL_QUERY_MAX_PARAMETERS = 100;
export const SQL_QUERY_MAX_TIMEOUT_MS = 30_000;
export const SQL_QUERY_DEFAULT_TIMEOUT_MS = 5_000;
export const SQL_QUERY_MAX_ROWS = 10_000;
export const SQL_QUERY_DEFAULT_ROWS = 1_000;

const scalarParameter = z.union([z.string().max(1_000_000), z.number(), z.boolean(), z.null()]);
/** `$n` values, bound by the driver (never spliced into the text): scalars, or an array of scalars for `= ANY($1)`. */
const parameter = z.union([scalarParameter, z.array(scalarParameter).max(10_000)]);

export const sqlQueryRequestSchema = z.strictObject({
  query: z.string().trim().min(1, "Write a statement").max(SQL_QUERY_MAX_CHARS, `At most ${SQL_QUERY_MAX_CHARS} characters`),
  parameters: z.array(parameter).max(SQL_QUERY_MAX_PARAMETERS, `At most ${SQL_QUERY_MAX_PARAMETERS} parameters`).default([]),
  /** true (default): one SELECT / WITH … SELECT / VALUES / EXPLAIN SELECT in a read-only transaction as the tenant's reader role. false: one INSERT/UPDATE/DELETE as the tenant's owner role; needs data:write. */
  read_only: z.boolean().default(true),
  timeout_ms: z
    .int("Must be a whole number of milliseconds")
    .min(1, "Must be at least 1")
    .max(SQL_QUERY_MAX_TIMEOUT_MS, `At most ${SQL_QUERY_MAX_TIMEOUT_MS} ms`)
    .default(SQL_QUERY_DEFAULT_TIMEOUT_MS),
  limit_rows: z.int("Must be a whole number").min(1, "Must be at least 1").max(SQL_QUERY_MAX_ROWS, `At most ${SQL_QUERY_MAX_ROWS}`).default(SQL_QUERY_DEFAULT_ROWS),
  /** false skips the EXPLAIN (query_plan is then null). */
  include_plan: z.boolean().default(true),
});
export type SqlQueryRequest = z.output<typeof sqlQueryRequestSchema>;
export type SqlQueryRequestInput = z.input<typeof sqlQueryRequestSchema>;

/** What the statement was, as the validator classified it. */
export const SQL_STATEMENT_KINDS = ["select", "values", "explain", "insert", "update", "delete"] as const;
export type SqlStatementKind = (typeof SQL_STATEMENT_KINDS)[number];

/**
 * A serialised cell: int8/numeric/money as strings (no precision lost in
 * JavaScript), bytea as base64, timestamps/dates as ISO 8601 text, json/jsonb
 * as the JSON value, arrays as arrays, NULL as null.
 */
export type SqlCell = string | number | boolean | null | SqlCell[] | { [k: string]: unknown };
// Not recursive on purpose: a z.lazy schema becomes a `$ref` into local `$defs`, which the OpenAPI document cannot resolve.
const cell = z
  .union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.unknown()), z.record(z.string(), z.unknown())])
  .describe("A cell: int8/numeric as strings, bytea base64, timestamps ISO 8601, json as JSON, arrays as arrays, NULL as null");

export const sqlColumnSchema = z.object({
  name: z.string(),
  /** PostgreSQL's type name (format_type), e.g. "bigint", "timestamp with time zone", "text[]". */
  type: z.string(),
});
export type SqlColumn = z.output<typeof sqlColumnSchema>;

export const sqlQueryPlanSchema = z.object({
  /** Planner's total cost estimate of the top node. */
  estimated_cost: z.number(),
  /** Actual total time of the top node (ms) from EXPLAIN ANALYZE: read-only queries only, null for writes. */
  actual_cost: z.number().nullable(),
  /** Execution time (ms) EXPLAIN ANALYZE measured: read-only queries only, null for writes. */
  execution_time_ms: z.number().nullable(),
  planning_time_ms: z.number().nullable(),
  /** Whether the plan came from EXPLAIN ANALYZE (the query ran a second time, read-only) or EXPLAIN alone. */
  analyzed: z.boolean(),
  /** The `Plan` node of EXPLAIN (FORMAT JSON), as PostgreSQL returned it. */
  plan: z.record(z.string(), z.unknown()),
});
export type SqlQueryPlan = z.output<typeof sqlQueryPlanSchema>;

export const sqlQueryResponseSchema = z.object({
  query_id: z.string().describe('"q_" and 16 hex digits; the audit event carries it too'),
  statement_kind: z.enum(SQL_STATEMENT_KINDS),
  read_only: z.boolean(),
  execution_time_ms: z.number(),
  /** Rows returned (at most limit_rows), or rows affected by a write without RETURNING. */
  row_count: z.int(),
  columns: z.array(sqlColumnSchema),
  rows: z.array(z.array(cell)),
  /** More rows existed than limit_rows; only the first limit_rows are in `rows`. */
  truncated: z.boolean(),
  schema: z.string(),
  query_plan: sqlQueryPlanSchema.nullable(),
});
export type SqlQueryResponse = z.output<typeof sqlQueryResponseSchema>;

/** Machine-readable reasons of a `400 query_rejected`; `details.position` is the 0-based character offset in `query`. */
export const SQL_REJECTION_REASONS = [
  "syntax_error",
  "multiple_statements",
  "empty_statement",
  "statement_not_allowed",
  "write_not_allowed_read_only",
  "data_modifying_cte",
  "locking_clause",
  "select_into",
  "function_not_allowed",
  "relation_not_allowed",
  "type_not_allowed",
  "construct_not_allowed",
  "parameter_count",
  /** Not a rejection: PostgreSQL's own error while running it (`400 query_failed`, details also carry `sqlstate`). */
  "execution_error",
] as const;
export type SqlRejectionReason = (typeof SQL_REJECTION_REASONS)[number];

export type SqlRejectionDetails = { reason: SqlRejectionReason; position: number };
