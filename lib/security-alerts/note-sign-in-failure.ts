import { withPlatformScope, withTenantScope } from "@/lib/db/scope";
import { env } from "@/lib/env";
import { consumeRateLimit } from "@/lib/http/rate-limit";
import { accountCaller } from "@/lib/security-alerts/alert-caller";
import { raiseSecurityAlert } from "@/lib/security-alerts/raise-security-alert";
import { agentOf } from "@/lib/security-alerts/sign-in-location";
import { log } from "@/lib/observability/logger";

export const FAILURE_WINDOW_SECONDS = 15 * 60;

export type NotedFailure = { user: { id: string; email: string }; tenantId: string | null; portal: string; ip: string | null; userAgent: string | null };

/**
 * A wrong password for an existing account (lib/auth/sign-in.ts). The
 * SIGN_IN_MAX_FAILURES-th failure within 15 minutes raises
 * `security.repeated_sign_in_failures` (the same number that throttles the
 * account), and at most one such alert per account per 15 minutes however long
 * the guessing goes on. Never throws. Answers whether it raised the alert.
 */
export async function noteSignInFailure(f: NotedFailure): Promise<boolean> {
  const threshold = env.signInMaxFailures;
  try {
    // The first threshold-1 failures fit in the allowance; the threshold-th is refused: that is the trigger.
    const counted = await consumeRateLimit(`alert:signin-failures:${f.user.id}`, Math.max(0, threshold - 1), FAILURE_WINDOW_SECONDS);
    if (counted.allowed) return false;
    const once = await consumeRateLimit(`alert:signin-failures-raised:${f.user.id}`, 1, FAILURE_WINDOW_SECONDS);
    if (!once.allowed) return false;
    const raise = (tx: Parameters<Parameters<typeof withPlatformScope>[0]>[0]) =>
      raiseSecurityAlert(tx, {
        userId: f.user.id,
        tenantId: f.tenantId,
        kind: "repeated_sign_in_failures",
        detail: { failures: threshold, window_minutes: FAILURE_WINDOW_SECONDS / 60, ip: f.ip ?? "unknown", device: agentOf(f.userAgent), portal: f.portal },
        caller: accountCaller(f.user, { ip: f.ip, userAgent: f.userAgent, requestId: null }),
      });
    if (f.tenantId) await withTenantScope(f.tenantId, raise);
    else await withPlatformScope(raise);
    return true;
  } catch (err) {
    log.error({ component: "security", err }, "could not note a sign-in failure");
    return false;
  }
}
