import { z } from "zod";
import { completeSecondFactor } from "@/lib/auth/second-factor/complete-second-factor";
import { signInRoute } from "@/lib/auth/sign-in/sign-in-route";
import { newId } from "@/lib/ids";

const Body = z.object({
  challenge: z.string().min(1, "The sign-in challenge is missing; sign in again").max(200),
  code: z.string().trim().min(1, "Enter the code").max(64, "That is too long for a code"),
});

/** Step two of signing in (lib/auth/second-factor/complete-second-factor.ts): a TOTP or recovery code → a sign-in ticket. */
export const POST = signInRoute(Body, async ({ site, body, ip, userAgent }) => {
  const { ticket } = await completeSecondFactor({ challenge: body.challenge, code: body.code, host: site.host, meta: { ip, userAgent, requestId: newId("req") } });
  return { ticket };
});
