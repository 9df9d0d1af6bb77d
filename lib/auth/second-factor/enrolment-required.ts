import { pendingEnrolmentSession } from "@/lib/auth/session-caller";
import { AppError } from "@/lib/http/errors";

/** Where a session that owes a second factor is sent, on the console and on every portal host. */
export const ENROL_PATH = "/account/security/enrol";

/**
 * For callers that found no signed-in session: when the cookie holds one that
 * only waits for 2FA enrolment, the answer is 403 second_factor_enrolment_required
 * (saying where to go) instead of "sign in".
 */
export async function assertNotPendingEnrolment(cookieHeader: string | null, host: string): Promise<void> {
  if (await pendingEnrolmentSession(cookieHeader, host)) {
    throw new AppError("second_factor_enrolment_required", `Two-factor authentication is required for this account: set it up at ${ENROL_PATH} first`, { enrol_path: ENROL_PATH });
  }
}
