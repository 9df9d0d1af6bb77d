import { defineRoute } from "@/lib/api-contracts/define-route";
import { sqlQueryRequestSchema, sqlQueryResponseSchema } from "@/lib/schemas/sql-query";

export const runTenantQuery = defineRoute({
  method: "POST",
  path: "/api/v1/tenants/{id}/query",
  tag: "Schema operations",
  summary: "Run one SQL statement in the tenant's schema, with safety restrictions",
  description:
    "Four layers, each sufficient on its own for the worst cases: (1) PostgreSQL's own parser (libpg-query) must find exactly one statement — with `read_only: true` (the default) a SELECT, WITH … SELECT, VALUES or EXPLAIN of one; with `read_only: false` one INSERT, UPDATE or DELETE — whose relations are all tables of the tenant's schema, whose functions are all on an allowlist of pure built-ins, with no data-modifying CTE, locking clause, SELECT INTO or reg* cast; anything else answers `400 query_rejected` with `details: { reason, position }` (position: 0-based character offset in `query`; a syntax error gives PostgreSQL's message and cursor). A statement PostgreSQL itself refuses while running it (unknown column, bad cast, unique violation) answers `400 query_failed` with its message and `details: { reason: \"execution_error\", sqlstate, position? }`. " +
    "(2) The statement goes through the extended-query protocol with `parameters` bound as `$1…$n`, so no second statement can ride along. (3) It runs in a transaction with `statement_timeout = timeout_ms` (`query_timeout` when exceeded) and, when read-only, `transaction_read_only`. (4) It runs as the tenant's own database role (reader, or owner for writes), which can reach nothing outside the tenant's schema (`403 schema_access_denied`). " +
    "At most `limit_rows` rows come back (`truncated: true` when there were more); int8/numeric as strings, bytea as base64, timestamps ISO 8601. `query_plan` comes from EXPLAIN (FORMAT JSON); for read-only statements from EXPLAIN (ANALYZE, FORMAT JSON), which runs the statement a second time. " +
    "Every statement, refused ones included, is audited as data.query_run / data.query_refused (rejected, failed or timed out) with its text and the parameters' types and lengths (never their values). " +
    "Tenant members and keys need data:read, and data:write for `read_only: false`; platform callers need data:read, and data:write for writes.",
  access: { tenant: "data:read", platform: "data:read" },
  rateLimit: "schema_operations",
  body: sqlQueryRequestSchema,
  responses: { 200: { description: "The statement ran; its rows (or affected count) and plan", data: sqlQueryResponseSchema } },
  errors: [400, 401, 403, 404, 408, 409, 429],
});
