import type { Notification } from "@/lib/generated/prisma/client";
import { audienceRoles } from "@/lib/notifications/deliver-notification";

/** A message as the API shows it (seed 000's snake_case), with its delivery and read counts. */
export type NotificationView = {
  id: string;
  tenant_id: string | null;
  kind: "notification" | "broadcast";
  broadcast_id: string | null;
  severity: string;
  title: string;
  body: string;
  link: string | null;
  roles: string[] | null;
  send_at: string;
  expires_at: string | null;
  window: { start: string; end: string } | null;
  status: "scheduled" | "sent" | "canceled";
  sent_at: string | null;
  created_at: string;
  recipients: number;
  emailed: number;
  read: number;
};

export function notificationStatus(n: Pick<Notification, "sentAt" | "canceledAt">): NotificationView["status"] {
  return n.canceledAt ? "canceled" : n.sentAt ? "sent" : "scheduled";
}

export function serializeNotification(n: Notification, read = 0): NotificationView {
  return {
    id: n.id,
    tenant_id: n.tenantId,
    kind: n.kind as NotificationView["kind"],
    broadcast_id: n.broadcastId,
    severity: n.severity,
    title: n.title,
    body: n.body,
    link: n.link,
    roles: audienceRoles(n.audience),
    send_at: n.sendAt.toISOString(),
    expires_at: n.expiresAt?.toISOString() ?? null,
    window: n.windowStart && n.windowEnd ? { start: n.windowStart.toISOString(), end: n.windowEnd.toISOString() } : null,
    status: notificationStatus(n),
    sent_at: n.sentAt?.toISOString() ?? null,
    created_at: n.createdAt.toISOString(),
    recipients: n.recipientCount,
    emailed: n.emailedCount,
    read,
  };
}
