import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import type { Tx } from "@/lib/db/prisma";
import { withPlatformScope } from "@/lib/db/scope";
import { AppError } from "@/lib/http/errors";
import { itemCounts, readOperation, type BulkOperationRow } from "@/lib/bulk/bulk-operation-rows";
import { pagination } from "@/lib/tenants/list-tenants";
import { PREVIEW_ITEMS, type BulkChange, type BulkItem, type BulkItemStatus, type BulkOperationDetail, type BulkOperationQuery, type BulkPreview } from "@/lib/schemas/bulk";

type ItemRow = { tenant_id: string; tenant_name: string; status: BulkItemStatus; reason: string | null; error: string | null; changes: BulkChange[]; finished_at: Date | null };

const serializeItem = (r: ItemRow): BulkItem => ({
  tenant_id: r.tenant_id,
  tenant_name: r.tenant_name,
  status: r.status,
  reason: r.reason,
  error: r.error,
  changes: r.changes,
  finished_at: r.finished_at?.toISOString() ?? null,
});

async function readItems(tx: Tx, operationId: string, status: BulkItemStatus | undefined, limit: number, offset: number): Promise<BulkItem[]> {
  const rows = await tx.$queryRaw<ItemRow[]>`
    SELECT tenant_id, tenant_name, status, reason, error, changes, finished_at FROM bulk_operation_items
     WHERE operation_id = ${operationId} AND (${status ?? null}::text IS NULL OR status = ${status ?? null})
     ORDER BY position LIMIT ${limit} OFFSET ${offset}`;
  return rows.map(serializeItem);
}

const notFound = (id: string) => new AppError("not_found", `No bulk operation ${id}`);

/** GET /tenants/bulk/{id}: status, live counts, progress and one page of items (optionally of one status). */
export async function getBulkOperation(caller: Caller, operationId: string, q: BulkOperationQuery): Promise<BulkOperationDetail> {
  authorize(caller, "tenants:read");
  return withPlatformScope(async (tx) => {
    const op = await readOperation(tx, operationId);
    if (!op) throw notFound(operationId);
    const c = await itemCounts(tx, operationId);
    const filtered = q.status ? c[q.status] : c.total;
    const items = await readItems(tx, operationId, q.status, q.page_size, (q.page - 1) * q.page_size);
    return serializeOperation(op, c, items, pagination(q.page, q.page_size, filtered));
  });
}

function serializeOperation(op: BulkOperationRow, c: Awaited<ReturnType<typeof itemCounts>>, items: BulkItem[], page: BulkOperationDetail["pagination"]): BulkOperationDetail {
  const done = c.succeeded + c.skipped + c.failed;
  return {
    operation_id: op.id,
    operation: op.operation,
    status: op.status,
    dry_run: op.dry_run,
    data: op.data,
    reason: op.reason,
    tenant_ids: op.tenant_ids,
    filter: op.filter,
    retry_of: op.retry_of,
    created_by: op.created_by,
    created_at: op.created_at.toISOString(),
    started_at: op.started_at?.toISOString() ?? null,
    finished_at: op.finished_at?.toISOString() ?? null,
    counts: { total: c.total, pending: c.pending + c.running, succeeded: c.succeeded, skipped: c.skipped, failed: c.failed },
    progress_percent: c.total === 0 ? 100 : Math.floor((done * 100) / c.total),
    items,
    pagination: page,
  };
}

/** A finished dry run's answer: counts and the first PREVIEW_ITEMS tenants with what would change. */
export async function readBulkPreview(operationId: string): Promise<{ status: BulkOperationRow["status"]; preview: BulkPreview }> {
  return withPlatformScope(async (tx) => {
    const op = await readOperation(tx, operationId);
    if (!op) throw notFound(operationId);
    const c = await itemCounts(tx, operationId);
    return { status: op.status, preview: { would_change: c.succeeded, would_skip: c.skipped, would_fail: c.failed, items: await readItems(tx, operationId, undefined, PREVIEW_ITEMS, 0) } };
  });
}
