import type { Caller } from "@/lib/auth/caller";
import type { Tx } from "@/lib/db/prisma";
import { newId } from "@/lib/ids";
import { deliverNotification, type Delivery } from "@/lib/notifications/deliver-notification";
import type { NotificationSeverity } from "@/lib/schemas/notifications";

export type TenantMemberNotice = {
  title: string;
  body: string;
  severity: NotificationSeverity;
  /** Role keys (owner, admin…) or custom role ids; absent = every active member. */
  roles?: string[];
  /** A path on the tenant's portal (/billing) or an http(s) URL. */
  link?: string | null;
};

/**
 * For features that tell a tenant's members something (a trial ending, an
 * invoice issued, a bulk change): writes the notification and delivers it now,
 * in the caller's transaction, which must be scoped to `tenantId` (or be
 * platform scope). Preferences are respected (lib/notifications/deliver-notification.ts).
 */
export async function notifyTenantMembers(tx: Tx, caller: Caller, tenantId: string, notice: TenantMemberNotice, now: Date = new Date()): Promise<{ notificationId: string } & Delivery> {
  const n = await tx.notification.create({
    data: {
      id: newId("ntf"),
      tenantId,
      kind: "notification",
      severity: notice.severity,
      title: notice.title.slice(0, 140),
      body: notice.body.slice(0, 5000),
      link: notice.link ?? null,
      audience: notice.roles ? { roles: notice.roles } : undefined,
      sendAt: now,
      createdBy: caller.id,
    },
  });
  return { notificationId: n.id, ...(await deliverNotification(tx, caller, n, now)) };
}
