import { withTenantScope } from "@/lib/db/scope";
import { publishEvent } from "@/lib/events/publish-event";
import { parseOrThrow } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import { deliverNotification } from "@/lib/notifications/deliver-notification";
import { serializeNotification, type NotificationView } from "@/lib/notifications/notification-view";
import { resolveRoles } from "@/lib/notifications/resolve-roles";
import { sendNotificationSchema } from "@/lib/schemas/notifications";
import { authorizeTenant, type TenantActor } from "@/lib/tenant-access/tenant-actor";

/** Who may notify a tenant's members: staff with tenants:update, or the tenant's own members and keys holding members:update. */
export const SEND_PERMISSION = "members:update" as const;

/**
 * POST /tenants/{id}/notifications. Sent now (inbox rows and mails in this
 * transaction), or, with send_at in the future, stored and left to the
 * notifications job (lib/notifications/run-due-notifications.ts).
 */
export async function sendTenantNotification(actor: TenantActor, tenantId: string, body: unknown, now: Date = new Date()): Promise<NotificationView> {
  return withTenantScope(tenantId, async (tx) => {
    const access = await authorizeTenant(actor, tenantId, SEND_PERMISSION, tx);
    const input = parseOrThrow(sendNotificationSchema, body);
    const roles = input.roles ? await resolveRoles(tx, tenantId, input.roles) : null;
    const sendAt = input.send_at ? new Date(input.send_at) : now;
    const n = await tx.notification.create({
      data: {
        id: newId("ntf"),
        tenantId,
        kind: "notification",
        severity: input.severity,
        title: input.title,
        body: input.body,
        link: input.link ?? null,
        audience: roles ? { roles } : undefined,
        sendAt,
        expiresAt: input.expires_at ? new Date(input.expires_at) : null,
        windowStart: input.window ? new Date(input.window.start) : null,
        windowEnd: input.window ? new Date(input.window.end) : null,
        createdBy: access.auditCaller.id,
      },
    });
    if (sendAt > now) {
      await publishEvent(tx, access.auditCaller, {
        tenantId,
        action: "notification.scheduled",
        targetType: "notification",
        targetId: n.id,
        targetLabel: n.title,
        after: { notification_id: n.id, severity: n.severity, title: n.title, roles, send_at: sendAt.toISOString() },
      });
      return serializeNotification(n);
    }
    await deliverNotification(tx, access.auditCaller, n, now);
    return serializeNotification(await tx.notification.findUniqueOrThrow({ where: { id: n.id } }));
  });
}
