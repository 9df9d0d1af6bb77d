import { accountHostOf, inHostScope, originOf, storedHostOf, type AccountHost } from "@/lib/auth/account-host";
import type { RequestMeta } from "@/lib/auth/caller";
import { issueOneTimeToken } from "@/lib/auth/one-time-tokens";
import { passwordResetEmail } from "@/lib/auth/password-reset/password-reset-email";
import { resettableAccount } from "@/lib/auth/password-reset/reset-eligibility";
import { publishEvent } from "@/lib/events/publish-event";
import { consumeRateLimit } from "@/lib/http/rate-limit";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { accountCaller } from "@/lib/security-alerts/alert-caller";

export const RESET_TOKEN_TTL_SECONDS = 30 * 60;
/** Reset mails per address per hour; beyond it requests are answered as usual and send nothing (an inbox cannot be flooded). */
export const RESETS_PER_EMAIL_PER_HOUR = 5;
/** Reset requests per client address per hour (answered 429 beyond it). */
export const RESETS_PER_IP_PER_HOUR = 20;

/** The one answer to every well-formed request, whatever the account. */
export const RESET_ACCEPTED_MESSAGE = "If an account with that email can sign in here, we have sent it a link to choose a new password. The link works once, for 30 minutes.";

export const placeName = (where: AccountHost) => (where.kind === "console" ? "Atrium console" : ((where.tenant.branding as { company_name?: string }).company_name ?? where.tenant.name));

/**
 * "Forgot password" for `email` on `host` (the request's Host, only to know
 * WHICH console or portal was asked; the link is built from the stored host).
 * Mails a 30-minute single-use link when the address may reset there, and
 * otherwise does nothing. The route answers before this runs, identically
 * either way, so neither the answer nor its timing says whether the account
 * exists. Answers whether a mail was queued (for tests and logs).
 */
export async function requestPasswordReset(input: { email: string; host: string; meta: RequestMeta }): Promise<boolean> {
  const where = await accountHostOf(input.host);
  if (!where) return false;
  const perEmail = await consumeRateLimit(`pwreset-email:${input.email}`, RESETS_PER_EMAIL_PER_HOUR, 3600);
  if (!perEmail.allowed) return false;
  return inHostScope(where, async (tx) => {
    const user = await resettableAccount(tx, where, input.email);
    if (!user) return false;
    const host = await storedHostOf(tx, where);
    const tenantId = where.kind === "tenant" ? where.tenant.id : null;
    const token = await issueOneTimeToken({ purpose: "password_reset", host, ttlSeconds: RESET_TOKEN_TTL_SECONDS, userId: user.id, email: user.email, tenantId });
    const link = `${originOf(host)}/reset-password?token=${encodeURIComponent(token)}`;
    const mail = passwordResetEmail({ place: placeName(where), link, minutes: RESET_TOKEN_TTL_SECONDS / 60 });
    await enqueueMail(tx, { tenantId, to: user.email, subject: mail.subject, html: mail.html, text: mail.text, kind: "password_reset" });
    await publishEvent(tx, accountCaller(user, input.meta), {
      tenantId,
      action: "security.password_reset_requested",
      targetType: "user",
      targetId: user.id,
      targetLabel: user.email,
      after: { email: user.email, host, portal: where.kind },
    });
    return true;
  });
}
