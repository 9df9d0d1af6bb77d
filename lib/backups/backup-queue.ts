import { log } from "@/lib/observability/logger";

/**
 * pg-boss queues of backups and restores. The tenant_backups / tenant_restores
 * rows are the truth (status queued); the job only says "run this one now",
 * and the minute sweep picks up any queued row whose job was lost.
 */
export const BACKUP_QUEUE = "atrium-backups";
export const RESTORE_QUEUE = "atrium-restores";
export const BACKUP_PRUNE_QUEUE = "atrium-backup-prune";

type Sender = (queue: string, data: object) => Promise<unknown>;
const globals = globalThis as unknown as { __atriumBackupSender?: Sender };

/** start-jobs registers pg-boss's send here; without a running worker (tests, scripts) the row waits for one. */
export function setBackupJobSender(send: Sender): void {
  globals.__atriumBackupSender = send;
}

export async function enqueueBackupJob(queue: typeof BACKUP_QUEUE | typeof RESTORE_QUEUE, id: string): Promise<void> {
  await globals.__atriumBackupSender?.(queue, { id }).catch((err: Error) => log.error({ component: "backups", job_id: id, queue, err }, "could not queue a backup job"));
}
