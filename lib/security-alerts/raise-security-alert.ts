import type { Caller } from "@/lib/auth/caller";
import type { Tx } from "@/lib/db/prisma";
import { primaryDomainHost } from "@/lib/domains/primary-domain";
import { publishEvent } from "@/lib/events/publish-event";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { SECURITY_ALERT_ACTIONS, type SecurityAlertKind } from "@/lib/security-alerts/alert-kinds";
import { securityAlertEmail } from "@/lib/security-alerts/security-alert-email";
import { consoleBaseUrl } from "@/lib/tenancy/console-base-url";
import { tenantBaseUrl } from "@/lib/tenancy/tenant-base-url";

export type { SecurityAlertKind } from "@/lib/security-alerts/alert-kinds";

export type SecurityAlertInput = {
  /** The account the alert is about: it gets the mail. */
  userId?: string | null;
  /** The tenant it concerns: its chain gets the event; without `userId` its active owners get the mail. */
  tenantId?: string | null;
  kind: SecurityAlertKind;
  /** Facts for the audit row and the mail (IP, user agent, key name, what changed…). Never secrets. */
  detail: Record<string, unknown>;
  /** Who did it (the audit row's actor). */
  caller: Caller;
};

const FACT_LABELS: Record<string, string> = { ip: "IP address", user_agent: "Device", device: "Device", host: "Where", failures: "Failed attempts", name: "Name", reason: "Reason", staff: "Staff member" };
const humanise = (key: string) => FACT_LABELS[key] ?? key.charAt(0).toUpperCase() + key.slice(1).replace(/_/g, " ");

/** The detail's plain values as mail lines; objects and arrays stay in the audit row only. */
function factsOf(detail: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(detail)) {
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") out[humanise(k)] = String(v).slice(0, 300);
  }
  return out;
}

/**
 * A security alert (issue 13 §7): the `security.*` audit event through
 * publishEvent and a mail to the account (`userId`), or to the tenant's
 * active owners for a tenant-level alert — both in the caller's transaction,
 * so the alert exists only if what it reports commits. `tx` must be in the
 * scope of `tenantId` (withTenantScope, or withPlatformScope when it is null
 * or the caller is platform staff): the event and the mail rows are under RLS.
 * Answers how many mails it queued.
 */
export async function raiseSecurityAlert(tx: Tx, input: SecurityAlertInput): Promise<number> {
  const tenantId = input.tenantId ?? null;
  const userId = input.userId ?? null;
  const account = userId ? await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true, status: true } }) : null;
  await publishEvent(tx, input.caller, {
    tenantId,
    action: SECURITY_ALERT_ACTIONS[input.kind],
    targetType: userId ? "user" : "tenant",
    targetId: userId ?? tenantId,
    targetLabel: account?.email ?? null,
    after: { kind: input.kind, ...input.detail },
  });

  const tenant = tenantId ? await tx.tenant.findUnique({ where: { id: tenantId }, select: { name: true, slug: true } }) : null;
  const portal = tenant && tenantId ? tenantBaseUrl({ slug: tenant.slug, primaryDomain: await primaryDomainHost(tx, tenantId) }) : null;
  let recipients: string[];
  let subjectLabel: string;
  let link: string;
  let linkLabel: string;
  if (userId) {
    if (!account || account.status !== "active") return 0;
    recipients = [account.email];
    subjectLabel = account.email;
    link = `${portal ?? consoleBaseUrl()}/account/sessions`;
    linkLabel = "Review your sessions";
  } else if (tenant && tenantId) {
    const owners = await tx.membership.findMany({ where: { tenantId, status: "active", role: "owner" }, select: { user: { select: { email: true } } }, orderBy: { userId: "asc" } });
    recipients = owners.map((o) => o.user.email);
    subjectLabel = tenant.name;
    link = `${portal}/`;
    linkLabel = `Open ${tenant.name}'s portal`;
  } else {
    return 0;
  }
  const mail = securityAlertEmail({ kind: input.kind, subjectLabel, facts: factsOf(input.detail), link, linkLabel });
  for (const to of recipients) await enqueueMail(tx, { tenantId, to, subject: mail.subject, html: mail.html, text: mail.text, kind: "security_alert" });
  return recipients.length;
}
