import type { MailOutbox } from "@/lib/generated/prisma/client";
import type { MailStatus } from "@/lib/schemas/mail";

type MailWithTenant = MailOutbox & { tenant: { id: string; name: string; slug: string } | null };

/** A mail as the console lists it: who, what, where it stands; never the body. */
export function serializeMailSummary(m: MailWithTenant) {
  return {
    id: m.id,
    tenant: m.tenant ? { id: m.tenant.id, name: m.tenant.name, slug: m.tenant.slug } : null,
    to: m.toAddress,
    subject: m.subject,
    kind: m.kind,
    status: m.status as MailStatus,
    attempts: m.attempts,
    last_error: m.lastError,
    created_at: m.createdAt.toISOString(),
    sent_at: m.sentAt?.toISOString() ?? null,
  };
}
export type MailSummary = ReturnType<typeof serializeMailSummary>;

const URL_IN_TEXT = /https?:\/\/[^\s<>"']+/g;

/** The full mail, with the links of its text version pulled out so the console can make them clickable. */
export function serializeMailDetail(m: MailWithTenant) {
  return {
    ...serializeMailSummary(m),
    html: m.html,
    text: m.text,
    links: [...new Set(m.text?.match(URL_IN_TEXT) ?? [])],
  };
}
export type MailDetail = ReturnType<typeof serializeMailDetail>;
