import { completePasswordReset } from "@/lib/auth/password-reset/complete-password-reset";
import { plainPostRoute } from "@/lib/http/plain-post-route";
import { enforceRateLimit } from "@/lib/http/rate-limit";
import { success } from "@/lib/http/respond";
import { passwordResetCompleteSchema } from "@/lib/schemas/account-recovery";

export const dynamic = "force-dynamic";

/** Sets the new password with the link's token; every session of the account ends. */
export const POST = plainPostRoute(
  passwordResetCompleteSchema,
  async ({ host, input, meta }) => {
    await completePasswordReset({ token: input.token, password: input.password, host, meta });
    return success({ message: "Your password was changed and every session of your account was signed out. Sign in with the new password.", sign_in_path: "/login" });
  },
  (meta) => enforceRateLimit(`pwreset-complete-ip:${meta.ip ?? "unknown"}`, 30, 3600, "password reset attempts from this address"),
);
