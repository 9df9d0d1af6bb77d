import { withPlatformScope } from "@/lib/db/scope";
import { env } from "@/lib/env";
import { removeExport } from "@/lib/exports/export-storage";
import { log } from "@/lib/observability/logger";

/**
 * Deletes exports older than EXPORT_RETENTION_DAYS: the archive first, then
 * the job row, so a failed delete is retried at the next sweep rather than
 * leaving an archive nothing points to. An export holds every row of the
 * tenant (it answers data-subject requests), so it is not kept like a backup.
 */
export async function pruneExports(now = new Date()): Promise<string[]> {
  const before = new Date(now.getTime() - env.exportRetentionDays * 86_400_000);
  const expired = await withPlatformScope((tx) =>
    tx.tenantExport.findMany({ where: { status: { in: ["completed", "failed"] }, completedAt: { lt: before } }, select: { id: true, tenantId: true }, take: 500 }),
  );
  const pruned: string[] = [];
  for (const e of expired) {
    try {
      await removeExport(e.tenantId, e.id);
      await withPlatformScope((tx) => tx.tenantExport.delete({ where: { tenantId_id: { tenantId: e.tenantId, id: e.id } } }));
      pruned.push(e.id);
    } catch (err) {
      log.error({ component: "exports", export_id: e.id, err }, "could not prune an export");
    }
  }
  return pruned;
}
