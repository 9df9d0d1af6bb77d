import { PLATFORM_ROLE_PERMISSIONS, PLATFORM_ROLES, type PlatformPermission, type PlatformRole } from "@/lib/auth/permissions";
import type { Tx } from "@/lib/db/prisma";
import { newId } from "@/lib/ids";
import type { NotificationSeverity } from "@/lib/schemas/notifications";

export type StaffNotice = {
  title: string;
  body: string;
  severity: NotificationSeverity;
  /** A console path (/tenants/…) or an http(s) URL. */
  link?: string | null;
  /** Only staff whose platform role holds this permission; absent = all active staff. */
  permission?: PlatformPermission;
};

/** Platform roles holding `permission` (every role when none is named). */
export function rolesHolding(permission: PlatformPermission | undefined): PlatformRole[] {
  return PLATFORM_ROLES.filter((r) => !permission || PLATFORM_ROLE_PERMISSIONS[r].includes(permission));
}

/**
 * For jobs and features that tell platform staff something (a bulk operation
 * finished, an invoice run failed): an in-app notice in the console bell of
 * every active staff user whose role holds `permission`. Staff notices have no
 * tenant, so `tx` must be a platform-scope transaction (withPlatformScope):
 * in a tenant's scope RLS refuses the rows.
 */
export async function notifyStaff(tx: Tx, notice: StaffNotice, now: Date = new Date()): Promise<{ notificationId: string; recipients: number }> {
  const staff = await tx.user.findMany({ where: { status: "active", platformRole: { in: rolesHolding(notice.permission) } }, select: { id: true }, orderBy: { id: "asc" } });
  const id = newId("ntf");
  await tx.notification.create({
    data: {
      id,
      tenantId: null,
      kind: "notification",
      severity: notice.severity,
      title: notice.title.slice(0, 140),
      body: notice.body.slice(0, 5000),
      link: notice.link ?? null,
      audience: notice.permission ? { permission: notice.permission } : undefined,
      sendAt: now,
      sentAt: now,
      recipientCount: staff.length,
    },
  });
  if (staff.length) await tx.notificationRecipient.createMany({ data: staff.map((s) => ({ notificationId: id, tenantId: null, userId: s.id, createdAt: now })) });
  return { notificationId: id, recipients: staff.length };
}
