import { defineRoute } from "@/lib/api-contracts/define-route";
import {
  BULK_OPERATION_PERMISSIONS,
  BULK_PERMISSIONS,
  bulkOperationAcceptedSchema,
  bulkOperationDetailSchema,
  bulkOperationQuerySchema,
  bulkOperationRequestSchema,
  MAX_BULK_TENANTS,
  PREVIEW_ITEMS,
  SYNC_DRY_RUN_MAX,
} from "@/lib/schemas/bulk";

const TAG = "Bulk operations";
const permissions = Object.entries(BULK_OPERATION_PERMISSIONS)
  .map(([op, p]) => `${op} → ${p}`)
  .join(", ");

export const startBulkOperation = defineRoute({
  method: "POST",
  path: "/api/v1/tenants/bulk",
  tag: TAG,
  summary: "Run one change on many tenants (activate, deactivate, delete, update_features, update_settings, change_plan, apply_template)",
  description:
    `Takes \`tenant_ids\` (1–${MAX_BULK_TENANTS}, each once) or \`filter\` (the tenant list's filters: status, plan, search, health), never both, and \`data\` for the operation. ` +
    "Records an operation with one item per tenant and answers 202; a job applies the change to each tenant in its own transaction (a failing tenant is reported and undoes nothing else), and every event it publishes carries `bulk_operation_id`; " +
    "a final platform-level `tenant.bulk_operation_completed` event holds the counts. Follow it with GET /tenants/bulk/{operation_id}. " +
    `\`dry_run: true\` runs the same code in each tenant's transaction and rolls it back: nothing changes and nothing is audited. A dry run of at most ${SYNC_DRY_RUN_MAX} tenants runs before the answer, whose \`preview\` holds the counts (would_change, would_skip, would_fail) and the first ${PREVIEW_ITEMS} tenants with their changes (field, before, after); a larger one is followed like any operation. ` +
    `Permissions, checked before the rest of the body is read: ${permissions}. The same Idempotency-Key with the same body answers the same operation.`,
  access: { platformAnyOf: BULK_PERMISSIONS },
  rateLimit: "tenant_queries",
  body: bulkOperationRequestSchema,
  bodyParsedBy: "service",
  headers: ["idempotency-key"],
  responses: { 202: { description: "The operation, queued (or, for a small dry run, finished with its preview)", data: bulkOperationAcceptedSchema } },
  errors: [400, 401, 403, 409, 413, 415, 422, 429],
});

export const getBulkOperation = defineRoute({
  method: "GET",
  path: "/api/v1/tenants/bulk/{operation_id}",
  tag: TAG,
  summary: "A bulk operation's progress: status, counts, percent done and per-tenant results",
  description: "Items come in selection order, a page at a time; `status` shows one kind (e.g. the failed ones with their errors). Platform staff with tenants:read.",
  access: { platform: "tenants:read" },
  rateLimit: "tenant_queries",
  query: bulkOperationQuerySchema,
  responses: { 200: { description: "The operation", data: bulkOperationDetailSchema } },
  errors: [400, 401, 403, 404, 429],
});

export const retryBulkOperation = defineRoute({
  method: "POST",
  path: "/api/v1/tenants/bulk/{operation_id}/retry",
  tag: TAG,
  summary: "Retry a finished operation's failed tenants, as a new operation linked to it (retry_of)",
  description: "The same change and data, on the tenants that failed. Needs the operation's own permission. 409 while the operation runs, for a dry run, or when nothing failed.",
  access: { platformAnyOf: BULK_PERMISSIONS },
  rateLimit: "tenant_queries",
  bodyOptional: true,
  headers: ["idempotency-key"],
  responses: { 202: { description: "The new operation, queued", data: bulkOperationAcceptedSchema } },
  errors: [401, 403, 404, 409, 422, 429],
});
