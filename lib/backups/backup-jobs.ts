import type PgBoss from "pg-boss";
import { BACKUP_PRUNE_QUEUE, BACKUP_QUEUE, RESTORE_QUEUE, setBackupJobSender } from "@/lib/backups/backup-queue";
import { pruneBackups, queuedWork } from "@/lib/backups/prune-backups";
import { runBackup } from "@/lib/backups/run-backup";
import { runRestore } from "@/lib/backups/run-restore";
import { log } from "@/lib/observability/logger";

/**
 * Backups and restores on queues of their own (one at a time per process:
 * each holds a database connection and streams for minutes), and the prune
 * job every 15 minutes, which also runs queued work whose message was lost.
 */
export async function startBackupJobs(boss: PgBoss): Promise<void> {
  for (const q of [BACKUP_QUEUE, RESTORE_QUEUE, BACKUP_PRUNE_QUEUE]) await boss.createQueue(q);
  setBackupJobSender((queue, data) => boss.send(queue, data));
  await boss.work<{ id: string }>(BACKUP_QUEUE, { batchSize: 1 }, async ([job]) => {
    const status = await runBackup(job.data.id);
    log.info({ component: "jobs", task: "backup", backup_id: job.data.id, status }, "backup finished");
  });
  await boss.work<{ id: string }>(RESTORE_QUEUE, { batchSize: 1 }, async ([job]) => {
    const status = await runRestore(job.data.id);
    log.info({ component: "jobs", task: "restore", restore_id: job.data.id, status }, "restore finished");
  });
  await boss.schedule(BACKUP_PRUNE_QUEUE, "*/15 * * * *");
  await boss.work(BACKUP_PRUNE_QUEUE, async () => {
    const r = await pruneBackups();
    if (r.pruned.length || r.stale) log.info({ component: "jobs", task: "backup_prune", pruned: r.pruned.length, stale: r.stale }, "backups pruned, stale ones marked failed");
    const lost = await queuedWork();
    for (const id of lost.backups) await boss.send(BACKUP_QUEUE, { id });
    for (const id of lost.restores) await boss.send(RESTORE_QUEUE, { id });
  });
}
