import nodemailer from "nodemailer";
import { withPlatformScope } from "@/lib/db/scope";
import { env } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";
import { log } from "@/lib/observability/logger";

/** After this many attempts a mail stays 'failed' for good (someone resends the invitation). */
export const MAX_MAIL_ATTEMPTS = 5;
const BATCH = 50;

/** 1, 2, 4, 8 … minutes after the n-th failure; the maintenance job looks every minute. */
export const retryDelayMs = (attempts: number) => Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;

type DueMail = { id: string; to_address: string; subject: string; html: string | null; text: string | null; attempts: number };

/**
 * Sends due 'pending' and 'failed' rows to SMTP_URL, each in its own short
 * transaction that holds the row lock while it is sent: FOR UPDATE SKIP LOCKED
 * lets several instances (and the post-commit trigger next to the job) work
 * side by side without sending one mail twice. `ids` limits the run to some
 * rows (the ones a request just wrote); `now` lets tests move the clock.
 */
export async function deliverPendingMail(opts: { ids?: string[]; now?: Date; limit?: number } = {}): Promise<{ sent: number; failed: number }> {
  const result = { sent: 0, failed: 0 };
  const url = env.smtpUrl;
  if (!url || opts.ids?.length === 0) return result;
  const transport = nodemailer.createTransport({ url, pool: true, maxConnections: 1, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  const from = env.mailFrom;
  const now = opts.now ?? null;
  const only = opts.ids ? Prisma.sql`AND id = ANY(${opts.ids}::text[])` : Prisma.empty;
  try {
    for (let i = 0; i < (opts.limit ?? BATCH); i++) {
      const outcome = await withPlatformScope(
        async (tx) => {
          const [mail] = await tx.$queryRaw<DueMail[]>`
            SELECT id, to_address, subject, html, text, attempts FROM mail_outbox
            WHERE status IN ('pending', 'failed') AND attempts < ${MAX_MAIL_ATTEMPTS}
              AND next_attempt_at <= COALESCE(${now}::timestamptz, now()) ${only}
            ORDER BY next_attempt_at, created_at, id
            LIMIT 1 FOR UPDATE SKIP LOCKED`;
          if (!mail) return null;
          const attempts = mail.attempts + 1;
          try {
            await transport.sendMail({ from, to: mail.to_address, subject: mail.subject, html: mail.html ?? undefined, text: mail.text ?? undefined });
          } catch (err) {
            const lastError = String((err as Error).message ?? err).slice(0, 1000);
            const next = new Date((now ?? new Date()).getTime() + retryDelayMs(attempts));
            // Given up for good: the body (with its live link) is of no more use; resending the invitation makes a new mail.
            const dead = attempts >= MAX_MAIL_ATTEMPTS ? { html: null, text: null } : {};
            await tx.mailOutbox.update({ where: { id: mail.id }, data: { status: "failed", attempts, lastError, nextAttemptAt: next, ...dead } });
            return "failed" as const;
          }
          // Delivered: the bodies (an invitation's link is a live credential) have done their job and go.
          await tx.mailOutbox.update({ where: { id: mail.id }, data: { status: "sent", attempts, lastError: null, sentAt: now ?? new Date(), html: null, text: null } });
          return "sent" as const;
        },
        // The row lock is held while the SMTP server answers; allow for its timeouts (connect + greeting + a few idle socket waits).
        // Never rerun: the mail may already be out; a failed transaction leaves the row for the job's next pass.
        { maxWait: 10_000, timeout: 120_000, retry: false },
      );
      if (!outcome) break;
      result[outcome]++;
    }
  } finally {
    transport.close();
  }
  return result;
}

/** The post-commit trigger: best effort, never fails the request that wrote the mail (the job retries). */
export async function deliverMailNow(ids: string[]): Promise<void> {
  if (!ids.length || !env.smtpUrl) return;
  try {
    await deliverPendingMail({ ids });
  } catch (err) {
    log.error({ component: "mail", err }, "mail delivery after commit failed");
  }
}
