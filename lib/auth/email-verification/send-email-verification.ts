import { inHostScope, originOf, storedHostOf, type LinkHost } from "@/lib/auth/account-host";
import { issueOneTimeToken } from "@/lib/auth/one-time-tokens";
import { verificationEmail } from "@/lib/auth/email-verification/verification-email";
import { enqueueMail } from "@/lib/mail/enqueue-mail";

export const VERIFICATION_TTL_SECONDS = 7 * 24 * 3600;

/**
 * Mails `user` a link that proves they own their address, on the stored host
 * of the console (staff) or the tenant's portal (a member added directly).
 * Called after the account's transaction committed: the token row refers to
 * the account, and is written on its own connection.
 */
export async function sendEmailVerification(user: { id: string; email: string }, where: LinkHost, place: string): Promise<void> {
  const tenantId = where.kind === "tenant" ? where.tenant.id : null;
  await inHostScope(where, async (tx) => {
    const host = await storedHostOf(tx, where);
    const token = await issueOneTimeToken({ purpose: "email_verification", host, ttlSeconds: VERIFICATION_TTL_SECONDS, userId: user.id, email: user.email, tenantId });
    const mail = verificationEmail({ place, link: `${originOf(host)}/verify-email?token=${encodeURIComponent(token)}`, days: VERIFICATION_TTL_SECONDS / 86400 });
    await enqueueMail(tx, { tenantId, to: user.email, subject: mail.subject, html: mail.html, text: mail.text, kind: "email_verification" });
  });
}
