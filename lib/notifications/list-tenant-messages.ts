import { withTenantScope } from "@/lib/db/scope";
import { AppError } from "@/lib/http/errors";
import { serializeNotification, type NotificationView } from "@/lib/notifications/notification-view";
import { authorizeTenant, type TenantActor } from "@/lib/tenant-access/tenant-actor";

const PAGE = 100;

/**
 * GET /tenants/{id}/messages: what the tenant was sent (its own notifications
 * and its part of each broadcast), newest first, with delivery and read
 * counts. Readers hold members:read (staff: tenants:read).
 */
export async function listTenantMessages(actor: TenantActor, tenantId: string, opts: { before?: string | null } = {}): Promise<{ messages: NotificationView[]; next_before: string | null }> {
  const before = opts.before ? new Date(opts.before) : null;
  if (before && Number.isNaN(before.getTime())) throw new AppError("invalid_request", "before must be an ISO 8601 date-time", [{ path: "before", message: "Use an ISO 8601 date-time" }]);
  return withTenantScope(tenantId, async (tx) => {
    await authorizeTenant(actor, tenantId, "members:read", tx);
    const rows = await tx.notification.findMany({
      where: { tenantId, ...(before ? { createdAt: { lt: before } } : {}) },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: PAGE + 1,
    });
    const page = rows.slice(0, PAGE);
    const reads = page.length
      ? await tx.notificationRecipient.groupBy({ by: ["notificationId"], where: { tenantId, notificationId: { in: page.map((n) => n.id) }, readAt: { not: null } }, _count: { _all: true } })
      : [];
    const readBy = new Map(reads.map((r) => [r.notificationId, r._count._all]));
    return {
      messages: page.map((n) => serializeNotification(n, readBy.get(n.id) ?? 0)),
      next_before: rows.length > PAGE ? page[page.length - 1].createdAt.toISOString() : null,
    };
  });
}
