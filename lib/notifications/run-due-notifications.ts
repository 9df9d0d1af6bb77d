import { systemCaller } from "@/lib/auth/caller";
import { withPlatformScope, withTenantScope } from "@/lib/db/scope";
import { deliverNotification } from "@/lib/notifications/deliver-notification";
import { sendBroadcast } from "@/lib/notifications/send-broadcast";
import { log } from "@/lib/observability/logger";

const BATCH = 200;

/**
 * The notifications job (every minute, and woken for a broadcast sent now):
 * tenant notifications whose send_at has passed, then due broadcasts. `now`
 * is the job's clock (tests pass a fixed one). Each tenant's send is its own
 * transaction; a notification is claimed by the update that marks it sent, so
 * two workers never deliver it twice.
 */
export async function runDueNotifications(now: Date = new Date()): Promise<{ notifications: number; broadcasts: number; failed: number }> {
  const caller = systemCaller("scheduled notification");
  const due = await withPlatformScope((tx) =>
    tx.notification.findMany({
      where: { kind: "notification", sentAt: null, canceledAt: null, sendAt: { lte: now }, tenantId: { not: null } },
      select: { id: true, tenantId: true },
      orderBy: { sendAt: "asc" },
      take: BATCH,
    }),
  );
  let notifications = 0;
  let failed = 0;
  for (const { id, tenantId } of due) {
    try {
      const sent = await withTenantScope(tenantId!, async (tx) => {
        const claim = await tx.notification.updateMany({ where: { id, sentAt: null, canceledAt: null }, data: { sentAt: now } });
        if (claim.count === 0) return false;
        await deliverNotification(tx, caller, await tx.notification.findUniqueOrThrow({ where: { id } }), now);
        return true;
      });
      if (sent) notifications++;
    } catch (err) {
      failed++;
      log.error({ component: "notifications", notification_id: id, err }, "notification failed");
    }
  }
  const broadcasts = await withPlatformScope((tx) =>
    tx.broadcast.findMany({ where: { status: { in: ["scheduled", "sending"] }, sendAt: { lte: now } }, select: { id: true }, orderBy: { sendAt: "asc" } }),
  );
  for (const b of broadcasts) failed += (await sendBroadcast(b.id, now)).failed;
  return { notifications, broadcasts: broadcasts.length, failed };
}
