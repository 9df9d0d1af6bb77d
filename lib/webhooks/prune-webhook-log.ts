import { withPlatformScope } from "@/lib/db/scope";

/** Finished messages (delivered or dead-lettered) and their attempts are kept this long for the delivery log and "replay failed since…". */
export const WEBHOOK_LOG_RETENTION_DAYS = 30;

/** Deletes finished messages older than the retention (their attempts go with them), a bounded batch per run. */
export async function pruneWebhookLog(now = new Date(), batch = 5_000): Promise<number> {
  const cutoff = new Date(now.getTime() - WEBHOOK_LOG_RETENTION_DAYS * 86_400_000);
  return withPlatformScope((tx) =>
    tx.$executeRaw`DELETE FROM webhook_messages WHERE id IN (
      SELECT id FROM webhook_messages WHERE status IN ('succeeded', 'failed') AND created_at < ${cutoff} LIMIT ${batch})`,
  );
}
