import { systemCaller } from "@/lib/auth/caller";
import { withPlatformScope } from "@/lib/db/scope";
import { publishEvent } from "@/lib/events/publish-event";
import { itemCounts, readOperation, type BulkOperationRow } from "@/lib/bulk/bulk-operation-rows";
import { runBulkItem } from "@/lib/bulk/run-bulk-item";
import { isDraining } from "@/lib/server/draining";

/** How long a claimed item stays its worker's; after it (the worker died), another may take it. One tenant's transaction is far shorter. */
const LEASE_SECONDS = 300;

type Claim = { kind: "item"; op: BulkOperationRow; tenantId: string } | { kind: "done" };

/**
 * Takes the operation's next item, or finishes the operation when nothing is
 * left. The operation row is locked for the decision, so claims from several
 * workers (and processes) never take the same item, and exactly one of them
 * records the end: the counts, the status and, for a real run, the
 * platform-level tenant.bulk_operation_completed event.
 */
async function claimNext(operationId: string): Promise<Claim> {
  return withPlatformScope(async (tx) => {
    const [op] = await tx.$queryRaw<BulkOperationRow[]>`SELECT * FROM bulk_operations WHERE id = ${operationId} FOR UPDATE`;
    if (!op || (op.status !== "queued" && op.status !== "running")) return { kind: "done" };
    const [item] = await tx.$queryRaw<{ tenant_id: string }[]>`
      SELECT tenant_id FROM bulk_operation_items
       WHERE operation_id = ${operationId} AND (status = 'pending' OR (status = 'running' AND lease_until <= now()))
       ORDER BY position LIMIT 1 FOR UPDATE SKIP LOCKED`;
    if (item) {
      await tx.$executeRaw`UPDATE bulk_operation_items SET status = 'running', attempts = attempts + 1, lease_until = clock_timestamp() + make_interval(secs => ${LEASE_SECONDS})
         WHERE operation_id = ${operationId} AND tenant_id = ${item.tenant_id}`;
      if (op.status === "queued") await tx.$executeRaw`UPDATE bulk_operations SET status = 'running', started_at = now() WHERE id = ${operationId}`;
      return { kind: "item", op, tenantId: item.tenant_id };
    }
    const c = await itemCounts(tx, operationId);
    // Items still running under a live lease belong to other workers; the last of them records the end.
    if (c.running > 0) return { kind: "done" };
    const status = c.total > 0 && c.failed === c.total ? "failed" : "completed";
    await tx.$executeRaw`UPDATE bulk_operations SET status = ${status}, succeeded = ${c.succeeded}, skipped = ${c.skipped}, failed = ${c.failed},
         started_at = coalesce(started_at, now()), finished_at = now() WHERE id = ${operationId}`;
    // A dry run changed nothing, so it leaves no trace in the audit log.
    if (!op.dry_run) {
      await publishEvent(tx, jobCaller(op), {
        tenantId: null,
        action: "tenant.bulk_operation_completed",
        targetType: "bulk_operation",
        targetId: op.id,
        targetLabel: `${op.operation} on ${c.total} tenant(s)`,
        after: { operation: op.operation, status, total: c.total, succeeded: c.succeeded, skipped: c.skipped, failed: c.failed, retry_of: op.retry_of },
      });
    }
    return { kind: "done" };
  });
}

/** Who the changes are recorded as: the job, naming the person or key that started the operation (authorised then). */
export const jobCaller = (op: Pick<BulkOperationRow, "id" | "created_by">) => systemCaller(`bulk operation ${op.id} (started by ${op.created_by})`);

/**
 * Works one operation until nothing is left for this process: `concurrency`
 * workers, each claiming the next tenant and running it in its own
 * transaction. Safe to run again, or in several processes at once, on the
 * same operation: that is how one resumes after a crash.
 */
export async function processBulkOperation(operationId: string): Promise<void> {
  const op = await withPlatformScope((tx) => readOperation(tx, operationId));
  if (!op || op.finished_at !== null) return;
  const caller = jobCaller(op);
  const worker = async () => {
    // A draining process takes no new tenant: what is left stays pending for another instance's sweep.
    while (!isDraining()) {
      const claim = await claimNext(operationId);
      if (claim.kind === "done") return;
      await runBulkItem(claim.op, claim.tenantId, caller);
    }
  };
  await Promise.all(Array.from({ length: op.concurrency }, worker));
}

/** The job's minute sweep: every operation not finished (a new one, or one a dead worker left) is worked again. */
export async function resumeBulkOperations(): Promise<number> {
  const open = await withPlatformScope((tx) => tx.$queryRaw<{ id: string }[]>`SELECT id FROM bulk_operations WHERE status IN ('queued', 'running') ORDER BY created_at`);
  for (const { id } of open) {
    if (isDraining()) break;
    await processBulkOperation(id);
  }
  return open.length;
}
