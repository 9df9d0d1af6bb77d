import type { Caller } from "@/lib/auth/caller";
import type { Tx } from "@/lib/db/prisma";
import { primaryDomainHost } from "@/lib/domains/primary-domain";
import { publishEvent } from "@/lib/events/publish-event";
import type { Notification } from "@/lib/generated/prisma/client";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { notificationEmail } from "@/lib/notifications/notification-email";
import type { NotificationSeverity } from "@/lib/schemas/notifications";

/** Inbox rows written per statement: a tenant with thousands of members is not one giant INSERT. */
const BATCH = 500;

export type Delivery = { recipients: number; emailed: number };

/** Seed 000's member preferences: both channels are on unless the member turned one off. */
export function channelsOf(preferences: unknown): { email: boolean; inApp: boolean } {
  const n = (preferences as { notifications?: { email?: unknown; in_app?: unknown } } | null)?.notifications;
  return { email: n?.email !== false, inApp: n?.in_app !== false };
}

/** The role keys / custom role ids a tenant notification is for, or null for every member. */
export function audienceRoles(audience: unknown): string[] | null {
  const roles = (audience as { roles?: unknown } | null)?.roles;
  return Array.isArray(roles) ? roles.filter((r): r is string => typeof r === "string") : null;
}

/**
 * Sends a tenant notification that is in the database and not sent yet, in
 * `tx` (scoped to its tenant): an inbox row for each active member holding one
 * of its roles who keeps in-app notifications on, a mail through the outbox
 * for each who keeps mail on, the counts and sent_at on the row, and
 * notification.sent through publishEvent. All or nothing with `tx`.
 */
export async function deliverNotification(tx: Tx, caller: Caller, n: Notification, now: Date): Promise<Delivery> {
  if (!n.tenantId) throw new Error(`deliverNotification: ${n.id} is a staff notice`);
  const tenantId = n.tenantId;
  const roles = audienceRoles(n.audience);
  const members = await tx.membership.findMany({
    where: { tenantId, status: "active", user: { status: "active" }, ...(roles ? { role: { in: roles } } : {}) },
    select: { userId: true, preferences: true, user: { select: { email: true } } },
    orderBy: { userId: "asc" },
  });
  const inbox: { notificationId: string; tenantId: string; userId: string; createdAt: Date; emailedAt: Date | null }[] = [];
  const mailTo: string[] = [];
  for (const m of members) {
    const { email, inApp } = channelsOf(m.preferences);
    if (email) mailTo.push(m.user.email);
    if (inApp) inbox.push({ notificationId: n.id, tenantId, userId: m.userId, createdAt: now, emailedAt: email ? now : null });
  }
  for (let i = 0; i < inbox.length; i += BATCH) await tx.notificationRecipient.createMany({ data: inbox.slice(i, i + BATCH), skipDuplicates: true });
  if (mailTo.length) {
    const tenant = { ...(await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { name: true, slug: true, branding: true } })), primaryDomain: await primaryDomainHost(tx, tenantId) };
    const window = n.windowStart && n.windowEnd ? { start: n.windowStart, end: n.windowEnd } : null;
    const mail = notificationEmail({ tenant, title: n.title, body: n.body, severity: n.severity as NotificationSeverity, link: n.link, window });
    for (const to of mailTo) await enqueueMail(tx, { tenantId, to, subject: mail.subject, html: mail.html, text: mail.text, kind: "notification" });
  }
  await tx.notification.update({ where: { id: n.id }, data: { sentAt: now, recipientCount: inbox.length, emailedCount: mailTo.length } });
  await publishEvent(tx, caller, {
    tenantId,
    action: n.kind === "broadcast" ? "broadcast.sent" : "notification.sent",
    targetType: "notification",
    targetId: n.id,
    targetLabel: n.title,
    after: {
      notification_id: n.id,
      broadcast_id: n.broadcastId,
      severity: n.severity,
      title: n.title,
      roles,
      recipients: inbox.length,
      emailed: mailTo.length,
    },
  });
  return { recipients: inbox.length, emailed: mailTo.length };
}
