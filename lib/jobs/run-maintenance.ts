import { pruneExpiredAuditEvents } from "@/lib/audit/prune-audit-events";
import { systemCaller } from "@/lib/auth/caller";
import { pruneUnusedBrandingAssets } from "@/lib/branding/prune-unused-assets";
import { appPool } from "@/lib/db/pools";
import { recheckDomains } from "@/lib/domains/recheck-domains";
import { pruneApiRateLimits } from "@/lib/http/api-rate-limit";
import { pruneRateLimits } from "@/lib/http/rate-limit";
import { deliverPendingMail } from "@/lib/mail/deliver-pending-mail";
import { rollBackStaleProvisioning } from "@/lib/tenants/provision-tenant";
import { purgeDueTenants } from "@/lib/tenants/tenant-deletion";
import { pruneWebhookLog } from "@/lib/webhooks/prune-webhook-log";
import { log } from "@/lib/observability/logger";

/**
 * The periodic sweep: purge tenants whose deletion grace period is over, undo
 * provisionings a dead process left half done, retry mail that could not be
 * sent, drop uploaded images no branding uses and expired throttling and
 * idempotency records, and prune audit events past their plan's retention.
 */
export async function runMaintenance(now = new Date()) {
  const system = systemCaller("maintenance job");
  // Each task on its own: one failing (say, a purge) must not starve the others every minute.
  const task = async <T>(name: string, fn: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      log.error({ component: "jobs", task: name, err }, "maintenance task failed");
      return fallback;
    }
  };
  const purged = await task("purge", () => purgeDueTenants(system, now), [] as string[]);
  const rolledBack = await task("stale provisioning", () => rollBackStaleProvisioning(system), 0);
  const mail = await task("deliver mail", () => deliverPendingMail(), { sent: 0, failed: 0 });
  // Custom domains' TXT records: pending ones get verified, vanished ones flagged (lib/domains/recheck-domains.ts).
  await task("recheck domains", () => recheckDomains(now), undefined);
  await task("prune unused branding images", () => pruneUnusedBrandingAssets(system, now), 0);
  await task("prune rate limits", pruneRateLimits, undefined);
  await task("prune API rate limits", pruneApiRateLimits, undefined);
  // Tenants with nothing past retention cost one indexed EXISTS each (lib/audit/prune-audit-events.ts).
  const auditPruned = await task("prune audit log", () => pruneExpiredAuditEvents(system, now), []);
  await task("prune webhook log", () => pruneWebhookLog(now), 0);
  await task("prune idempotency keys", () => appPool().query("DELETE FROM idempotency_keys WHERE created_at < now() - interval '24 hours'"), undefined);
  return { purged, rolled_back: rolledBack, mail, audit_pruned: auditPruned.reduce((n, r) => n + r.pruned, 0) };
}
