import type { Caller } from "@/lib/auth/caller";
import type { Tx } from "@/lib/db/prisma";
import { withPlatformScope, withTenantScope } from "@/lib/db/scope";
import { AppError } from "@/lib/http/errors";
import { resolveTenantAccess, type TenantActor } from "@/lib/tenant-access/tenant-actor";

/** Whose inbox: a staff user's (staff notices, no tenant) or a member's in one tenant. */
export type InboxOwner = { kind: "staff"; userId: string } | { kind: "member"; tenantId: string; userId: string; actor: TenantActor };

export type InboxItem = {
  id: string;
  severity: string;
  title: string;
  body: string;
  link: string | null;
  window: { start: string; end: string } | null;
  created_at: string;
  read: boolean;
};

export type Inbox = { items: InboxItem[]; unread: number };

/** What the notifications page shows (the bell shows fewer). */
export const INBOX_PAGE_SIZE = 100;

/** Staff on the console (signed-in users only: keys and jobs have no inbox). */
export function staffInbox(caller: Caller): InboxOwner {
  if (caller.kind !== "user") throw new AppError("authentication_required", "Only a signed-in user has an inbox");
  return { kind: "staff", userId: caller.id };
}

/** A portal member (or support staff under a grant, whose inbox there is empty). */
export function memberInbox(actor: TenantActor): InboxOwner {
  if (actor.kind !== "member") throw new AppError("authentication_required", "Only a signed-in member has an inbox");
  return { kind: "member", tenantId: actor.tenantId, userId: actor.userId, actor };
}

/** Runs `fn` where the owner's rows are visible: the member's tenant (after checking they still belong to it), or platform scope for staff notices. */
function inScope<T>(owner: InboxOwner, fn: (tx: Tx, tenantId: string | null) => Promise<T>): Promise<T> {
  if (owner.kind === "staff") return withPlatformScope((tx) => fn(tx, null));
  return withTenantScope(owner.tenantId, async (tx) => {
    await resolveTenantAccess(tx, owner.actor, owner.tenantId);
    return fn(tx, owner.tenantId);
  });
}

/** Sent, not withdrawn, not expired: expired messages leave every inbox. */
const live = (now: Date) => ({ sentAt: { not: null }, canceledAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] });

/** The latest entries, unread first, and the unread count (for the bell's badge). */
export async function listInbox(owner: InboxOwner, opts: { limit?: number; now?: Date } = {}): Promise<Inbox> {
  const now = opts.now ?? new Date();
  const limit = Math.min(Math.max(opts.limit ?? 20, 1), 100);
  return inScope(owner, async (tx, tenantId) => {
    const where = { userId: owner.userId, tenantId, notification: live(now) };
    const [rows, unread] = await Promise.all([
      tx.notificationRecipient.findMany({
        where,
        orderBy: [{ readAt: { sort: "asc", nulls: "first" } }, { createdAt: "desc" }, { notificationId: "desc" }],
        take: limit,
        select: { readAt: true, createdAt: true, notification: { select: { id: true, severity: true, title: true, body: true, link: true, windowStart: true, windowEnd: true } } },
      }),
      tx.notificationRecipient.count({ where: { ...where, readAt: null } }),
    ]);
    return {
      unread,
      items: rows.map((r) => ({
        id: r.notification.id,
        severity: r.notification.severity,
        title: r.notification.title,
        body: r.notification.body,
        link: r.notification.link,
        window: r.notification.windowStart && r.notification.windowEnd ? { start: r.notification.windowStart.toISOString(), end: r.notification.windowEnd.toISOString() } : null,
        created_at: r.createdAt.toISOString(),
        read: r.readAt !== null,
      })),
    };
  });
}

export async function unreadCount(owner: InboxOwner, now: Date = new Date()): Promise<number> {
  return inScope(owner, (tx, tenantId) => tx.notificationRecipient.count({ where: { userId: owner.userId, tenantId, readAt: null, notification: live(now) } }));
}

/** Marks the owner's own entries read; ids that are not theirs change nothing. Answers the new unread count. */
export async function markRead(owner: InboxOwner, ids: string[], now: Date = new Date()): Promise<{ unread: number }> {
  return inScope(owner, async (tx, tenantId) => {
    await tx.notificationRecipient.updateMany({ where: { userId: owner.userId, tenantId, notificationId: { in: ids }, readAt: null }, data: { readAt: now } });
    return { unread: await tx.notificationRecipient.count({ where: { userId: owner.userId, tenantId, readAt: null, notification: live(now) } }) };
  });
}

export async function markAllRead(owner: InboxOwner, now: Date = new Date()): Promise<{ unread: number }> {
  return inScope(owner, async (tx, tenantId) => {
    await tx.notificationRecipient.updateMany({ where: { userId: owner.userId, tenantId, readAt: null }, data: { readAt: now } });
    return { unread: 0 };
  });
}
