import { inHostScope, type LinkHost } from "@/lib/auth/account-host";
import { sendEmailVerification } from "@/lib/auth/email-verification/send-email-verification";
import { AppError } from "@/lib/http/errors";
import { enforceRateLimit } from "@/lib/http/rate-limit";

export const RESENDS_PER_HOUR = 3;

/** "Resend" on the banner: the signed-in account's own link again, at most 3 an hour. */
export async function resendEmailVerification(userId: string, where: LinkHost, place: string): Promise<{ email: string }> {
  await enforceRateLimit(`verify-resend:${userId}`, RESENDS_PER_HOUR, 3600, "verification mails");
  const user = await inHostScope(where, (tx) => tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true, emailVerifiedAt: true } }));
  if (!user) throw new AppError("authentication_required", "Your session has ended; sign in again");
  if (user.emailVerifiedAt) throw new AppError("invalid_state", "Your email address is already verified");
  await sendEmailVerification(user, where, place);
  return { email: user.email };
}
