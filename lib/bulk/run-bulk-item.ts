import type { Caller } from "@/lib/auth/caller";
import { withPlatformScope } from "@/lib/db/scope";
import { withEventContext } from "@/lib/events/event-context";
import { AppError } from "@/lib/http/errors";
import { bulkOperationDefinition } from "@/lib/bulk/operations";
import { finishItem, type BulkOperationRow, type ItemResult } from "@/lib/bulk/bulk-operation-rows";
import { lockTenant } from "@/lib/tenants/update-tenant";
import { log } from "@/lib/observability/logger";

/** Thrown out of a dry run's transaction so it rolls back, carrying what it found. */
class DryRunRollback extends Error {
  constructor(readonly result: ItemResult) {
    super("dry run");
  }
}

/** The operation's data as its handler takes it (deactivate's reason travels at the top of the request). */
export const handlerData = (op: Pick<BulkOperationRow, "operation" | "data" | "reason">): unknown => (op.operation === "deactivate" ? { ...op.data, reason: op.reason ?? undefined } : op.data);

/** PostgreSQL's own words for an error Prisma wrapped (a trigger's RAISE, a constraint), when there are any. */
function databaseMessage(err: unknown): string | null {
  const e = err as { meta?: { driverAdapterError?: { cause?: { originalMessage?: unknown } } }; cause?: { originalMessage?: unknown } } | null;
  const m = e?.meta?.driverAdapterError?.cause?.originalMessage ?? e?.cause?.originalMessage;
  return typeof m === "string" && m.trim() ? m.trim() : null;
}

/** What a failed tenant's row says: an AppError's message is meant for people; a database error is the tenant's own reason. */
function failureMessage(err: unknown): string {
  if (err instanceof AppError) return err.message;
  const message = databaseMessage(err) ?? (err instanceof Error ? err.message : String(err));
  return message.split("\n").find((l) => l.trim())?.trim().slice(0, 500) || "Unexpected error";
}

/**
 * One tenant of an operation, in its own transaction: the tenant row is
 * locked, the preview of the change is read, the handler applies it and the
 * item is marked done, all together. A dry run throws the result out of the
 * transaction (so everything the handler did rolls back) and records it in
 * another. A failure undoes this tenant's change alone and is recorded with
 * its message.
 */
export async function runBulkItem(op: BulkOperationRow, tenantId: string, caller: Caller): Promise<ItemResult> {
  const def = bulkOperationDefinition(op.operation);
  const data = handlerData(op);
  let result: ItemResult;
  try {
    result = await withEventContext({ bulk_operation_id: op.id }, () =>
      withPlatformScope(async (tx) => {
        const tenant = await lockTenant(tx, tenantId);
        const changes = await def.describe(tenant, data, tx);
        const outcome = await def.handler(tx, caller, tenant, data, { bulkOperationId: op.id });
        const r: ItemResult = outcome.outcome === "skipped" ? { status: "skipped", reason: outcome.reason, changes: [] } : { status: "succeeded", changes };
        if (op.dry_run) throw new DryRunRollback(r);
        await finishItem(tx, op.id, tenantId, r);
        return r;
      }),
    );
  } catch (err) {
    result = err instanceof DryRunRollback ? err.result : { status: "failed", error: failureMessage(err), changes: [] };
    if (!(err instanceof DryRunRollback) && !(err instanceof AppError)) log.error({ component: "bulk", operation_id: op.id, tenant_id: tenantId, err }, "bulk operation item failed");
    const recorded = result;
    await withPlatformScope((tx) => finishItem(tx, op.id, tenantId, recorded));
  }
  return result;
}
