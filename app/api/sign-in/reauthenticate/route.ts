import { z } from "zod";
import { reauthenticate } from "@/lib/auth/sessions/reauthenticate";
import { signedInAccount } from "@/lib/auth/sessions/session-of-request";
import { signInRoute } from "@/lib/auth/sign-in/sign-in-route";
import { AppError } from "@/lib/http/errors";

const Body = z
  .strictObject({
    password: z.string().min(1, "Enter your password").max(1024).optional(),
    code: z.string().trim().min(6, "Enter the code from your authenticator or a recovery code").max(64).optional(),
  })
  .superRefine((b, ctx) => {
    if ((b.password === undefined) === (b.code === undefined)) ctx.addIssue({ code: "custom", path: ["password"], message: "Send either your password or a code" });
  });

/** Confirms the signed-in person again for sensitive actions (lib/auth/sessions/recent-auth.ts). */
export const POST = signInRoute(Body, async ({ site, body, ip, cookie, userAgent }) => {
  const account = await signedInAccount(cookie, site, { ip, userAgent, requestId: null });
  if (!account) throw new AppError("authentication_required", "Your session has ended; sign in again");
  return reauthenticate(account, body.password !== undefined ? { password: body.password } : { code: body.code! }, ip);
});
