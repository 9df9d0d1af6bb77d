import type { Tx } from "@/lib/db/prisma";
import type { BulkChange, BulkFilter, BulkItemStatus, BulkOperationName } from "@/lib/schemas/bulk";

/** A bulk_operations row as SQL reads it. */
export type BulkOperationRow = {
  id: string;
  operation: BulkOperationName;
  tenant_ids: string[] | null;
  filter: BulkFilter | null;
  data: Record<string, unknown>;
  reason: string | null;
  dry_run: boolean;
  status: "queued" | "running" | "completed" | "failed";
  total: number;
  succeeded: number;
  skipped: number;
  failed: number;
  concurrency: number;
  retry_of: string | null;
  created_by: string;
  created_by_id: string | null;
  idempotency_key: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
};

export async function readOperation(tx: Tx, operationId: string): Promise<BulkOperationRow | null> {
  const [row] = await tx.$queryRaw<BulkOperationRow[]>`SELECT * FROM bulk_operations WHERE id = ${operationId}`;
  return row ?? null;
}

export type ItemResult = { status: Extract<BulkItemStatus, "succeeded" | "skipped" | "failed">; reason?: string | null; error?: string | null; changes: BulkChange[] };

export async function finishItem(tx: Tx, operationId: string, tenantId: string, r: ItemResult): Promise<void> {
  await tx.$executeRaw`UPDATE bulk_operation_items
     SET status = ${r.status}, reason = ${r.reason ?? null}, error = ${r.error ?? null}, changes = ${JSON.stringify(r.changes)}::jsonb,
         lease_until = NULL, finished_at = clock_timestamp()
   WHERE operation_id = ${operationId} AND tenant_id = ${tenantId}`;
}

export type ItemCounts = { total: number; pending: number; running: number; succeeded: number; skipped: number; failed: number };

export async function itemCounts(tx: Tx, operationId: string): Promise<ItemCounts> {
  const [c] = await tx.$queryRaw<ItemCounts[]>`
    SELECT count(*)::int AS total,
           count(*) FILTER (WHERE status = 'pending')::int AS pending,
           count(*) FILTER (WHERE status = 'running')::int AS running,
           count(*) FILTER (WHERE status = 'succeeded')::int AS succeeded,
           count(*) FILTER (WHERE status = 'skipped')::int AS skipped,
           count(*) FILTER (WHERE status = 'failed')::int AS failed
      FROM bulk_operation_items WHERE operation_id = ${operationId}`;
  return c;
}
