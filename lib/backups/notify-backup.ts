import type { Tx } from "@/lib/db/prisma";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { escapeHtml } from "@/lib/mail/escape-html";
import { webhookAgents } from "@/lib/webhooks/address-policy";
import { sendWebhookRequest } from "@/lib/webhooks/send-webhook-request";
import { WEBHOOK_USER_AGENT } from "@/lib/webhooks/sign-webhook";
import { log } from "@/lib/observability/logger";

export type BackupOutcome = { tenantId: string; tenantName: string; backupId: string; status: "completed" | "failed"; detail: string };

/** The completion mail to the staff member who asked (notification_settings.email_on_completion), in the caller's transaction. */
export async function enqueueBackupMail(tx: Tx, requesterId: string | null, o: BackupOutcome): Promise<void> {
  if (!requesterId) return;
  const user = await tx.user.findUnique({ where: { id: requesterId }, select: { email: true } });
  if (!user) return;
  const subject = `Backup ${o.status} for ${o.tenantName}`;
  const text = `The backup ${o.backupId} of ${o.tenantName} (${o.tenantId}) ${o.status === "completed" ? "completed" : "failed"}.\n\n${o.detail}\n`;
  const html = `<p>The backup <code>${escapeHtml(o.backupId)}</code> of <strong>${escapeHtml(o.tenantName)}</strong> ${o.status === "completed" ? "completed" : "failed"}.</p><p>${escapeHtml(o.detail)}</p>`;
  await enqueueMail(tx, { tenantId: o.tenantId, to: user.email, subject, html, text, kind: "backup_finished" });
}

/**
 * POSTs the outcome to notification_settings.webhook_url, once, through the
 * webhook agents (the SSRF rule: public addresses only, checked at connect
 * time). A failure is logged, never retried: the backup's own status is the record.
 */
export async function postBackupWebhook(url: string, o: BackupOutcome): Promise<void> {
  const body = JSON.stringify({ type: o.status === "completed" ? "tenant.backup.completed" : "tenant.backup.failed", timestamp: new Date().toISOString(), data: { tenant_id: o.tenantId, backup_id: o.backupId, status: o.status, detail: o.detail } });
  const r = await sendWebhookRequest(url, { "content-type": "application/json", "user-agent": WEBHOOK_USER_AGENT }, body, { agents: webhookAgents(), timeoutMs: 10_000 });
  // The origin only: a notification URL may carry its secret in the path or query (Slack-style hooks).
  if (!r.ok) log.error({ component: "backups", tenant_id: o.tenantId, backup_id: o.backupId, target: urlOrigin(url), error: r.error ?? `HTTP ${r.statusCode}` }, "backup notification failed");
}

function urlOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "(unparseable URL)";
  }
}
