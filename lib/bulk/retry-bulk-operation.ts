import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { AppError } from "@/lib/http/errors";
import { readOperation } from "@/lib/bulk/bulk-operation-rows";
import { launchBulkOperation } from "@/lib/bulk/start-bulk-operation";
import { BULK_OPERATION_PERMISSIONS, type BulkOperationAccepted } from "@/lib/schemas/bulk";

/**
 * POST /tenants/bulk/{id}/retry: the failed tenants of a finished operation,
 * as a new operation (retry_of names the old one) with the same change. The
 * caller needs the operation's own permission, as for the first run.
 */
export async function retryBulkOperation(caller: Caller, operationId: string, opts: { idempotencyKey?: string | null } = {}): Promise<BulkOperationAccepted> {
  authorize(caller, "tenants:read");
  return launchBulkOperation(caller, async (tx) => {
    const op = await readOperation(tx, operationId);
    if (!op) throw new AppError("not_found", `No bulk operation ${operationId}`);
    authorize(caller, BULK_OPERATION_PERMISSIONS[op.operation]);
    if (op.finished_at === null) throw new AppError("invalid_state", "The operation is still running; retry its failures once it has finished");
    if (op.dry_run) throw new AppError("invalid_state", "A dry run changed nothing; start the operation itself instead");
    // A tenant purged since has nothing left to retry.
    const targets = await tx.$queryRaw<{ id: string; name: string }[]>`
      SELECT tenant_id AS id, tenant_name AS name FROM bulk_operation_items i
       WHERE operation_id = ${operationId} AND status = 'failed' AND EXISTS (SELECT 1 FROM tenants t WHERE t.id = i.tenant_id)
       ORDER BY position`;
    if (targets.length === 0) throw new AppError("invalid_state", "No tenant failed in this operation; there is nothing to retry");
    const input = { operation: op.operation, selection: { tenant_ids: targets.map((t) => t.id) }, data: op.data, reason: op.reason, dryRun: false, retryOf: op.id, idempotencyKey: opts.idempotencyKey ?? null };
    return { input, targets };
  });
}
