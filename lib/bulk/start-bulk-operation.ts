import { authorize, can } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import type { Tx } from "@/lib/db/prisma";
import { withPlatformScope } from "@/lib/db/scope";
import { parseOrThrow } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import { enqueueBulkOperation } from "@/lib/bulk/bulk-queue";
import { processBulkOperation } from "@/lib/bulk/process-bulk-operation";
import { readBulkPreview } from "@/lib/bulk/read-bulk-operation";
import { resolveBulkTenants, type BulkTarget } from "@/lib/bulk/resolve-bulk-tenants";
import {
  BULK_OPERATION_PERMISSIONS,
  BULK_OPERATIONS,
  BULK_PERMISSIONS,
  bulkOperationRequestSchema,
  SYNC_DRY_RUN_MAX,
  type BulkFilter,
  type BulkOperationName,
  type BulkOperationAccepted,
} from "@/lib/schemas/bulk";

/**
 * The permission of the operation the body names, checked before anything
 * else in the body is read: a caller who may not run it learns nothing about
 * its data's shape. A body naming no known operation needs one of the bulk
 * permissions before it is told why it is wrong.
 */
export function authorizeBulkRequest(caller: Caller, body: unknown): void {
  const operation = body && typeof body === "object" && !Array.isArray(body) ? (body as { operation?: unknown }).operation : undefined;
  if (typeof operation === "string" && (BULK_OPERATIONS as readonly string[]).includes(operation)) {
    authorize(caller, BULK_OPERATION_PERMISSIONS[operation as BulkOperationName]);
    return;
  }
  if (!BULK_PERMISSIONS.some((p) => can(caller, p))) authorize(caller, "tenants:update");
}

export type NewBulkOperation = {
  operation: BulkOperationName;
  selection: { tenant_ids?: string[]; filter?: BulkFilter };
  data: unknown;
  reason: string | null;
  dryRun: boolean;
  retryOf: string | null;
  idempotencyKey: string | null;
};

const callerId = (caller: Caller) => (caller.kind === "system" ? null : `${caller.kind}:${caller.id}`);

/** Records the operation and one pending item per tenant, in `tx`. */
export async function insertBulkOperation(tx: Tx, caller: Caller, id: string, input: NewBulkOperation, targets: BulkTarget[]): Promise<void> {
  await tx.$executeRaw`INSERT INTO bulk_operations (id, operation, tenant_ids, filter, data, reason, dry_run, total, retry_of, created_by, created_by_id, idempotency_key)
    VALUES (${id}, ${input.operation}, ${input.selection.tenant_ids ? JSON.stringify(input.selection.tenant_ids) : null}::jsonb,
            ${input.selection.filter ? JSON.stringify(input.selection.filter) : null}::jsonb, ${JSON.stringify(input.data ?? {})}::jsonb,
            ${input.reason}, ${input.dryRun}, ${targets.length}, ${input.retryOf}, ${caller.label}, ${callerId(caller)}, ${input.idempotencyKey})`;
  await tx.$executeRaw`INSERT INTO bulk_operation_items (operation_id, tenant_id, position, tenant_name)
    SELECT ${id}, t.id, t.ord::int, t.name FROM unnest(${targets.map((t) => t.id)}::text[], ${targets.map((t) => t.name)}::text[]) WITH ORDINALITY AS t(id, name, ord)`;
}

/**
 * Records the operation `plan` decides (what, on which tenants) in one
 * transaction and starts it: a dry run of at most SYNC_DRY_RUN_MAX tenants
 * runs before the answer, which then carries the preview; anything else goes
 * to the job and is followed with GET /tenants/bulk/{id}.
 */
export async function launchBulkOperation(caller: Caller, plan: (tx: Tx) => Promise<{ input: NewBulkOperation; targets: BulkTarget[] }>): Promise<BulkOperationAccepted> {
  const id = newId("bop");
  const { input, targets } = await withPlatformScope(async (tx) => {
    const planned = await plan(tx);
    await insertBulkOperation(tx, caller, id, planned.input, planned.targets);
    return planned;
  });
  const accepted = { operation_id: id, total: targets.length, dry_run: input.dryRun, retry_of: input.retryOf, links: { self: `/api/v1/tenants/bulk/${id}` } };
  if (input.dryRun && targets.length <= SYNC_DRY_RUN_MAX) {
    await processBulkOperation(id);
    const { status, preview } = await readBulkPreview(id);
    return { ...accepted, status, preview };
  }
  await enqueueBulkOperation(id);
  return { ...accepted, status: "queued" };
}

/** POST /tenants/bulk. */
export async function startBulkOperation(caller: Caller, body: unknown, opts: { idempotencyKey?: string | null } = {}): Promise<BulkOperationAccepted> {
  authorizeBulkRequest(caller, body);
  const input = parseOrThrow(bulkOperationRequestSchema, body);
  const selection = input.tenant_ids ? { tenant_ids: input.tenant_ids } : { filter: input.filter };
  const request: NewBulkOperation = {
    operation: input.operation,
    selection,
    data: input.data,
    reason: input.reason ?? null,
    dryRun: input.dry_run,
    retryOf: null,
    idempotencyKey: opts.idempotencyKey ?? null,
  };
  return launchBulkOperation(caller, async (tx) => ({ input: request, targets: await resolveBulkTenants(tx, selection) }));
}
