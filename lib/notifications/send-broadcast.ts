import { NO_META, type Caller } from "@/lib/auth/caller";
import { withPlatformScope, withTenantScope } from "@/lib/db/scope";
import { uniqueViolation } from "@/lib/db/unique-violation";
import { newId } from "@/lib/ids";
import { tenantWhere } from "@/lib/notifications/broadcast-audience";
import { deliverNotification } from "@/lib/notifications/deliver-notification";
import type { BroadcastFilter } from "@/lib/schemas/notifications";
import { log } from "@/lib/observability/logger";

/** How often the progress count is written while tenants are sent to. */
const PROGRESS_EVERY = 25;
/** Tenants sent to at once, each in its own transaction (and pooled connection): a few, so a broadcast never takes the whole pool. */
const CONCURRENCY = 4;

/**
 * Sends a due broadcast: the audience is evaluated now, then each tenant gets
 * its own notification, delivered in its own transaction (a broadcast to
 * thousands of tenants never holds one transaction, and one tenant's failure
 * leaves the others sent). The unique (broadcast_id, tenant_id) index makes a
 * second run (a crash, two workers) skip the tenants already done.
 */
export async function sendBroadcast(broadcastId: string, now: Date = new Date()): Promise<{ tenants: number; failed: number }> {
  // Claimed by moving it to sending (cancel only takes a scheduled one, so a send under way cannot be cancelled).
  const claimed = await withPlatformScope(async (tx) => {
    const n = await tx.broadcast.updateMany({ where: { id: broadcastId, status: { in: ["scheduled", "sending"] }, sendAt: { lte: now } }, data: { status: "sending" } });
    if (n.count === 0) return null;
    const b = await tx.broadcast.findUniqueOrThrow({ where: { id: broadcastId } });
    const tenants = await tx.tenant.findMany({ where: tenantWhere(b.filter as BroadcastFilter), select: { id: true }, orderBy: { id: "asc" } });
    const done = new Set((await tx.notification.findMany({ where: { broadcastId }, select: { tenantId: true } })).map((r) => r.tenantId));
    await tx.broadcast.update({ where: { id: broadcastId }, data: { tenantsTotal: tenants.length, tenantsDone: done.size } });
    return { b, todo: tenants.map((t) => t.id).filter((id) => !done.has(id)), done: done.size };
  });
  if (!claimed) return { tenants: 0, failed: 0 };
  const { b, todo } = claimed;
  const caller: Caller = { kind: "system", id: null, label: `Broadcast by ${b.createdByLabel}`, permissions: new Set(), meta: NO_META };
  let done = claimed.done;
  let failed = 0;
  const sendTo = async (tenantId: string) => {
    try {
      await withTenantScope(tenantId, async (tx) => {
        const n = await tx.notification.create({
          data: {
            id: newId("ntf"),
            tenantId,
            kind: "broadcast",
            broadcastId,
            severity: b.severity,
            title: b.title,
            body: b.body,
            link: b.link,
            sendAt: b.sendAt,
            expiresAt: b.expiresAt,
            windowStart: b.windowStart,
            windowEnd: b.windowEnd,
            createdBy: b.createdBy,
          },
        });
        await deliverNotification(tx, caller, n, now);
      });
      done++;
    } catch (err) {
      if (uniqueViolation(err)) return; // another worker sent this tenant's part
      failed++;
      log.error({ component: "notifications", broadcast_id: broadcastId, tenant_id: tenantId, err }, "broadcast to a tenant failed");
    }
    if (done % PROGRESS_EVERY === 0) await withPlatformScope((tx) => tx.broadcast.update({ where: { id: broadcastId }, data: { tenantsDone: done } }));
  };
  // A few workers take the next tenant off one queue until it is empty.
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, todo.length) }, async () => {
    while (next < todo.length) await sendTo(todo[next++]);
  }));
  await withPlatformScope(async (tx) => {
    const sent = await tx.notification.count({ where: { broadcastId } });
    // A tenant that failed is tried again on the next run; the broadcast stays 'sending' until every tenant has its part.
    await tx.broadcast.update({ where: { id: broadcastId }, data: { tenantsDone: sent, ...(failed === 0 ? { status: "sent", sentAt: now } : {}) } });
  });
  return { tenants: todo.length - failed, failed };
}
