import { randomBytes } from "node:crypto";
import type { Tx } from "@/lib/db/prisma";
import { env } from "@/lib/env";

export type MailKind = "invitation" | "webhook_disabled" | "resources_scaled" | "usage_alert" | "backup_finished" | "security_alert" | "password_reset" | "email_verification" | "sign_up_verification" | "impersonation_request" | "trial_reminder" | "notification";
export type NewMail = { tenantId: string | null; to: string; subject: string; html: string; text: string; kind: MailKind };

export const newMailId = () => `mail_${randomBytes(8).toString("hex")}`;

/**
 * Writes a mail in the caller's transaction, so it exists only if the change
 * that caused it commits. Delivery happens after commit (deliverPendingMail).
 * Without SMTP_URL the row is kept as 'outbox' for the console and never sent.
 */
export async function enqueueMail(tx: Tx, mail: NewMail): Promise<string> {
  const row = await tx.mailOutbox.create({
    data: {
      id: newMailId(),
      tenantId: mail.tenantId,
      toAddress: mail.to,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      kind: mail.kind,
      status: env.smtpUrl ? "pending" : "outbox",
    },
    select: { id: true },
  });
  return row.id;
}
