import { backupStorage } from "@/lib/backups/storage";
import { withPlatformScope } from "@/lib/db/scope";
import { log } from "@/lib/observability/logger";

/** A backup or restore still in progress after this long was running in a process that died. */
const STALE_MS = 6 * 3600_000;

/**
 * The prune job: deletes backups past their retention (archive first, then
 * the row, so a failed delete is retried next time rather than orphaning
 * files), and marks backups and restores whose worker died as failed (a
 * killed restore left nothing behind: it was one transaction).
 */
export async function pruneBackups(now = new Date()): Promise<{ pruned: string[]; stale: number }> {
  const expired = await withPlatformScope((tx) => tx.tenantBackup.findMany({ where: { expiresAt: { lte: now }, status: { in: ["completed", "failed"] } }, select: { id: true, tenantId: true }, take: 500 }));
  const storage = backupStorage();
  const pruned: string[] = [];
  for (const b of expired) {
    try {
      await storage.removePrefix(`${b.tenantId}/${b.id}`);
      await withPlatformScope((tx) => tx.tenantBackup.delete({ where: { tenantId_id: { tenantId: b.tenantId, id: b.id } } }));
      pruned.push(b.id);
    } catch (err) {
      log.error({ component: "backups", backup_id: b.id, err }, "could not prune a backup");
    }
  }
  const before = new Date(now.getTime() - STALE_MS);
  const stale = await withPlatformScope(async (tx) => {
    const a = await tx.tenantBackup.updateMany({ where: { status: "in_progress", startedAt: { lt: before } }, data: { status: "failed", error: "The backup's worker stopped before it finished", completedAt: now } });
    const b = await tx.tenantRestore.updateMany({ where: { status: "in_progress", createdAt: { lt: before } }, data: { status: "failed", error: "The restore's worker stopped before it finished; nothing was changed (a restore is one transaction)", completedAt: now } });
    return a.count + b.count;
  });
  return { pruned, stale };
}

/** Queued backups and restores whose job message was lost (a restart between the row and the send): ids to run now. */
export async function queuedWork(olderThanMs = 60_000): Promise<{ backups: string[]; restores: string[] }> {
  const before = new Date(Date.now() - olderThanMs);
  return withPlatformScope(async (tx) => ({
    backups: (await tx.tenantBackup.findMany({ where: { status: "queued", createdAt: { lt: before } }, select: { id: true }, take: 50 })).map((r) => r.id),
    restores: (await tx.tenantRestore.findMany({ where: { status: "queued", createdAt: { lt: before } }, select: { id: true }, take: 50 })).map((r) => r.id),
  }));
}
