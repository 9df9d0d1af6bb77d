import PgBoss from "pg-boss";
import { env } from "@/lib/env";
import { withJobsSetupLock } from "@/lib/jobs/jobs-setup-lock";
import { recordTenantHealth } from "@/lib/health/record-tenant-health";
import { runMaintenance } from "@/lib/jobs/run-maintenance";
import { systemCaller } from "@/lib/auth/caller";
import { applyDueScalings } from "@/lib/tenants/scale-tenant";
import { checkAllTenants } from "@/lib/limits/check-all-tenants";
import { startFleetMigrationJobs } from "@/lib/tenant-migrations/fleet-jobs";
import { startBulkOperationJobs } from "@/lib/bulk/bulk-jobs";
import { startTrialJobs } from "@/lib/billing/subscriptions/trial-jobs";
import { runExport, runQueuedExports } from "@/lib/exports/run-export";
import { runUsageJob } from "@/lib/usage/run-usage-job";
import { WebhookWorker } from "@/lib/webhooks/webhook-worker";
import { startBackupJobs } from "@/lib/backups/backup-jobs";
import { startInvoiceJobs } from "@/lib/billing/invoices/invoice-jobs";
import { expireImpersonationGrants } from "@/lib/impersonation/expire-impersonation-grants";
import { NOTIFICATIONS_QUEUE } from "@/lib/notifications/notifications-queue";
import { runDueNotifications } from "@/lib/notifications/run-due-notifications";
import { log } from "@/lib/observability/logger";

const jobLog = log.child({ component: "jobs" });

const QUEUE = "atrium-maintenance";
/** Its own queue, so a slow maintenance run never delays webhook deliveries. */
const WEBHOOK_QUEUE = "atrium-webhooks";
/** Every tenant's health checks, stored for the list and the daily charts (lib/health/record-tenant-health.ts). */
const HEALTH_QUEUE = "atrium-tenant-health";
/** Scheduled scalings (POST /tenants/{id}/scale with scale_strategy scheduled), applied within a minute of their time. */
const SCALING_QUEUE = "atrium-scalings";
/** Its own queue: checking every tenant's limits takes longer than a maintenance minute. */
const LIMITS_QUEUE = "atrium-limits-check";
/** Usage gauges and the raw events' partitions, every 5 minutes on their own queue (a slow sample never holds up mail or purges). */
const USAGE_QUEUE = "atrium-usage";
/** Tenant exports (lib/exports): one job per export, plus a minute sweep for exports whose job was lost. */
const EXPORT_QUEUE = "atrium-exports";
/** Support access grants past their expiry (lib/impersonation): marked expired, their sessions ended, every minute. */
const IMPERSONATION_QUEUE = "atrium-impersonation-expiry";
const globals = globalThis as unknown as { __atriumBoss?: Promise<PgBoss>; __atriumWebhooks?: WebhookWorker };

/**
 * Starts the pg-boss worker in this web process. pg-boss keeps its queue in
 * PostgreSQL and hands each job to one instance (SKIP LOCKED), so running
 * several web instances is safe; the cron schedule fires once per minute overall.
 * Webhook delivery runs beside it (lib/webhooks/webhook-worker.ts): woken by
 * NOTIFY at each commit that queues a message, by its own retry timer, and by
 * the atrium-webhooks sweep every minute.
 */
export function startJobs(): Promise<PgBoss> {
  globals.__atriumBoss ??= withJobsSetupLock(async () => {
    const boss = new PgBoss({ connectionString: env.databaseUrl, max: 2 });
    boss.on("error", (err) => jobLog.error({ err }, "pg-boss error"));
    await boss.start();
    await boss.createQueue(QUEUE);
    await boss.schedule(QUEUE, "* * * * *");
    await boss.work(QUEUE, async () => {
      const r = await runMaintenance();
      if (r.purged.length || r.rolled_back) jobLog.info({ task: "purge", purged: r.purged.length, rolled_back: r.rolled_back }, "tenants purged, provisionings rolled back");
      if (r.mail.sent || r.mail.failed) jobLog.info({ task: "mail", sent: r.mail.sent, failed: r.mail.failed }, "mail delivered");
      if (r.audit_pruned) jobLog.info({ task: "audit_retention", pruned: r.audit_pruned }, "audit events past retention pruned");
    });
    const webhooks = (globals.__atriumWebhooks ??= new WebhookWorker());
    await webhooks.start();
    await boss.createQueue(WEBHOOK_QUEUE);
    await boss.schedule(WEBHOOK_QUEUE, "* * * * *");
    await boss.work(WEBHOOK_QUEUE, async () => webhooks.kick());
    await boss.createQueue(HEALTH_QUEUE);
    await boss.schedule(HEALTH_QUEUE, "*/15 * * * *");
    await boss.work(HEALTH_QUEUE, async () => {
      const r = await recordTenantHealth();
      jobLog.info({ task: "tenant_health", checked: r.checked }, "tenant health checked");
    });
    // A fresh start has no stored health yet: check once now rather than wait for the quarter hour.
    await boss.send(HEALTH_QUEUE, {}, { singletonKey: "startup", singletonSeconds: 300 });
    await boss.createQueue(SCALING_QUEUE);
    await boss.schedule(SCALING_QUEUE, "* * * * *");
    await boss.work(SCALING_QUEUE, async () => {
      const r = await applyDueScalings(systemCaller("scheduled scaling"));
      if (r.applied || r.failed) jobLog.info({ task: "scalings", applied: r.applied, failed: r.failed }, "scheduled scalings applied");
    });
    // Hourly, at minute 0: limits, enforcement and usage alerts of every active tenant (lib/limits/check-all-tenants.ts).
    await boss.createQueue(LIMITS_QUEUE);
    await boss.schedule(LIMITS_QUEUE, "0 * * * *");
    await boss.work(LIMITS_QUEUE, async () => {
      const r = await checkAllTenants();
      if (r.failed || r.notifications) jobLog.info({ task: "limits_check", checked: r.checked, failed: r.failed, notifications: r.notifications }, "limits checked");
    });
    await boss.createQueue(USAGE_QUEUE);
    await boss.schedule(USAGE_QUEUE, "*/5 * * * *");
    await boss.work(USAGE_QUEUE, async () => {
      const r = await runUsageJob();
      if (r.droppedPartitions.length) jobLog.info({ task: "usage", dropped_partitions: r.droppedPartitions }, "expired usage partitions dropped");
    });
    await startFleetMigrationJobs(boss);
    await startBulkOperationJobs(boss);
    await startTrialJobs(boss);
    await boss.createQueue(EXPORT_QUEUE);
    await boss.schedule(EXPORT_QUEUE, "* * * * *");
    await boss.work<{ job_id?: string }>(EXPORT_QUEUE, async ([job]) => {
      if (job?.data?.job_id) await runExport(job.data.job_id);
      else await runQueuedExports();
    });
    await startBackupJobs(boss);
    await startInvoiceJobs(boss);
    await boss.createQueue(IMPERSONATION_QUEUE);
    await boss.schedule(IMPERSONATION_QUEUE, "* * * * *");
    await boss.work(IMPERSONATION_QUEUE, async () => {
      const r = await expireImpersonationGrants();
      if (r.expired) jobLog.info({ task: "impersonation_expiry", expired: r.expired }, "support access grants expired");
    });
    // Scheduled notifications and broadcasts once due, every minute; a broadcast sent now wakes it at once (lib/notifications).
    await boss.createQueue(NOTIFICATIONS_QUEUE);
    await boss.schedule(NOTIFICATIONS_QUEUE, "* * * * *");
    await boss.work(NOTIFICATIONS_QUEUE, async () => {
      const r = await runDueNotifications();
      if (r.notifications || r.broadcasts || r.failed) jobLog.info({ task: "notifications", sent: r.notifications, broadcasts: r.broadcasts, failed: r.failed }, "notifications sent");
    });
    jobLog.info("job worker started");
    return boss;
  });
  return globals.__atriumBoss;
}

/** Hands an export to the worker now; without a worker in this process (ATRIUM_JOBS=off), the minute sweep of a running one picks it up. */
export async function enqueueExport(jobId: string): Promise<void> {
  if (!globals.__atriumBoss) return;
  try {
    const boss = await globals.__atriumBoss;
    await boss.send(EXPORT_QUEUE, { job_id: jobId });
  } catch (err) {
    // The export is recorded as queued either way: the minute sweep builds it once the worker is up.
    log.error({ component: "exports", export_id: jobId, err }, "could not queue an export");
  }
}
