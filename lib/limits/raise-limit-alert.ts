import type { Caller } from "@/lib/auth/caller";
import type { Tx } from "@/lib/db/prisma";
import { primaryDomainHost } from "@/lib/domains/primary-domain";
import { publishEvent } from "@/lib/events/publish-event";
import { newId } from "@/lib/ids";
import type { Measured } from "@/lib/limits/measure-limits";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { usageAlertEmail } from "@/lib/mail/usage-alert-email";
import { LIMIT_RESOURCE_LABELS, type LimitsCheckInput } from "@/lib/schemas/limits";

export type RaisedLevel = "warning" | "critical" | "exceeded";

/** The audit actions of an alert; lib/webhooks/event-catalogue.ts maps them onto resources.quota.warning / .exceeded. */
export const ALERT_ACTIONS: Record<RaisedLevel, string> = { warning: "usage.quota_warning", critical: "usage.quota_critical", exceeded: "usage.quota_exceeded" };

const num = (n: number) => (Number.isInteger(n) ? n.toLocaleString("en-US") : n.toLocaleString("en-US", { maximumFractionDigits: 3 }));

export function alertMessage(m: Measured, percent: number, level: RaisedLevel): string {
  const what = LIMIT_RESOURCE_LABELS[m.resource];
  const figures = `${num(m.current)} of ${num(m.limit ?? 0)} ${m.unit}`;
  if (level === "exceeded") return `${what}: ${percent}% of the limit (${figures}). The limit is reached.`;
  return `${what}: ${percent}% of the limit (${figures}).`;
}

/**
 * One alert, raised in the check's transaction (so it exists only if the
 * crossing it reports was recorded): the event (always), and per the check's
 * `notifications` an in-app notice and an email to each active owner and admin.
 * Answers how many notifications it sent.
 */
export async function raiseLimitAlert(tx: Tx, caller: Caller, tenantId: string, m: Measured, percent: number, level: RaisedLevel, channels: LimitsCheckInput["notifications"]): Promise<number> {
  const message = alertMessage(m, percent, level);
  await publishEvent(tx, caller, {
    tenantId,
    action: ALERT_ACTIONS[level],
    targetType: "tenant",
    targetId: tenantId,
    targetLabel: null,
    after: { resource: m.resource, used: m.current, quota: m.limit, unit: m.unit, usage_percent: percent, level },
  });
  let sent = 0;
  if (channels.includes("in_app")) {
    await tx.tenantNotice.create({ data: { id: newId("notice"), tenantId, severity: level, resource: m.resource, message, usagePercent: percent } });
    sent++;
  }
  if (channels.includes("email")) {
    const recipients = await tx.membership.findMany({
      where: { tenantId, status: "active", role: { in: ["owner", "admin"] } },
      select: { user: { select: { email: true } } },
      orderBy: { userId: "asc" },
    });
    if (recipients.length) {
      const tenant = { ...(await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { name: true, slug: true, branding: true } })), primaryDomain: await primaryDomainHost(tx, tenantId) };
      const mail = usageAlertEmail({ tenant, message, severity: level });
      for (const r of recipients) await enqueueMail(tx, { tenantId, to: r.user.email, subject: mail.subject, html: mail.html, text: mail.text, kind: "usage_alert" });
      sent += recipients.length;
    }
  }
  return sent;
}
