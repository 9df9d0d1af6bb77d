import { verifyEmail } from "@/lib/auth/email-verification/verify-email";
import { plainPostRoute } from "@/lib/http/plain-post-route";
import { enforceRateLimit } from "@/lib/http/rate-limit";
import { success } from "@/lib/http/respond";
import { emailVerificationSchema } from "@/lib/schemas/account-recovery";

export const dynamic = "force-dynamic";

/** The verification link's button: spends the token on the host it was issued for. */
export const POST = plainPostRoute(
  emailVerificationSchema,
  async ({ host, input, meta }) => success(await verifyEmail({ token: input.token, host, meta })),
  (meta) => enforceRateLimit(`verify-email-ip:${meta.ip ?? "unknown"}`, 30, 3600, "verification attempts from this address"),
);
