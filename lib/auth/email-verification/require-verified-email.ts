import type { Tx } from "@/lib/db/prisma";
import { AppError } from "@/lib/http/errors";

/**
 * What an unverified account may not do: mint API keys. A key outlives every
 * session and password reset, so only an account whose owner proved the
 * address (the mailed link, an accepted invitation, a password reset) makes one.
 */
export async function requireVerifiedEmail(tx: Tx, userId: string): Promise<void> {
  const user = await tx.user.findUnique({ where: { id: userId }, select: { emailVerifiedAt: true } });
  if (user && !user.emailVerifiedAt) throw new AppError("email_verification_required", "Verify your email address first (use the link we mailed you, or resend it from the banner), then create the key");
}
