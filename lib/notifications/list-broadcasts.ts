import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { withPlatformScope } from "@/lib/db/scope";
import { serializeBroadcast, type BroadcastView } from "@/lib/notifications/broadcast-view";

/** The latest broadcasts (scheduled, sending, sent, cancelled) with their delivery and read statistics. Staff with tenants:read. */
export async function listBroadcasts(caller: Caller, opts: { limit?: number } = {}): Promise<BroadcastView[]> {
  authorize(caller, "tenants:read");
  return withPlatformScope(async (tx) => {
    const rows = await tx.broadcast.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: Math.min(opts.limit ?? 50, 200) });
    if (!rows.length) return [];
    const ids = rows.map((b) => b.id);
    const sums = await tx.notification.groupBy({ by: ["broadcastId"], where: { broadcastId: { in: ids } }, _sum: { recipientCount: true, emailedCount: true } });
    const reads = await tx.$queryRaw<{ broadcast_id: string; n: number }[]>`
      SELECT n.broadcast_id, count(*)::int AS n
      FROM notification_recipients r JOIN notifications n ON n.id = r.notification_id
      WHERE n.broadcast_id = ANY(${ids}) AND r.read_at IS NOT NULL
      GROUP BY n.broadcast_id`;
    const sumBy = new Map(sums.map((s) => [s.broadcastId, s._sum]));
    const readBy = new Map(reads.map((r) => [r.broadcast_id, r.n]));
    return rows.map((b) =>
      serializeBroadcast(b, { recipients: sumBy.get(b.id)?.recipientCount ?? 0, emailed: sumBy.get(b.id)?.emailedCount ?? 0, read: readBy.get(b.id) ?? 0 }),
    );
  });
}
