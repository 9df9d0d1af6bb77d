import { withTenantScope } from "@/lib/db/scope";
import { Prisma } from "@/lib/generated/prisma/client";

export type MaintenanceNotice = { id: string; title: string; body: string; window: { start: string; end: string } };

/**
 * The tenant's maintenance notices whose window is open at `now`: sent, not
 * withdrawn or expired, addressed to every member (a notice for some roles
 * only stays in their inboxes). The portal shows them to every visitor of the
 * tenant's pages, signed in or not: "down for maintenance" is for everyone.
 */
export async function activeMaintenance(tenantId: string, now: Date = new Date()): Promise<MaintenanceNotice[]> {
  const rows = await withTenantScope(tenantId, (tx) =>
    tx.notification.findMany({
      where: {
        tenantId,
        severity: "maintenance",
        sentAt: { not: null },
        canceledAt: null,
        windowStart: { lte: now },
        windowEnd: { gt: now },
        audience: { equals: Prisma.DbNull },
        OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
      },
      orderBy: { windowStart: "asc" },
      take: 3,
      select: { id: true, title: true, body: true, windowStart: true, windowEnd: true },
    }),
  );
  return rows.map((r) => ({ id: r.id, title: r.title, body: r.body, window: { start: r.windowStart!.toISOString(), end: r.windowEnd!.toISOString() } }));
}
