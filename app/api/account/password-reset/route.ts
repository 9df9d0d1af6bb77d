import { RESET_ACCEPTED_MESSAGE, RESETS_PER_IP_PER_HOUR, requestPasswordReset } from "@/lib/auth/password-reset/request-password-reset";
import { plainPostRoute } from "@/lib/http/plain-post-route";
import { enforceRateLimit } from "@/lib/http/rate-limit";
import { success } from "@/lib/http/respond";
import { passwordResetRequestSchema } from "@/lib/schemas/account-recovery";
import { log } from "@/lib/observability/logger";

export const dynamic = "force-dynamic";

/**
 * "Forgot password". The answer is the same 202 whether or not the account
 * exists, and is given before anything about the account is looked up: the
 * work (lookup, token, mail) runs after it, so the time taken says nothing either.
 */
export const POST = plainPostRoute(
  passwordResetRequestSchema,
  async ({ host, input, meta }) => {
    requestPasswordReset({ email: input.email, host, meta }).catch((err: unknown) => log.error({ component: "auth", request_id: meta.requestId, err }, "password reset request failed"));
    return success({ message: RESET_ACCEPTED_MESSAGE }, { status: 202 });
  },
  (meta) => enforceRateLimit(`pwreset-ip:${meta.ip ?? "unknown"}`, RESETS_PER_IP_PER_HOUR, 3600, "password reset requests from this address"),
);
