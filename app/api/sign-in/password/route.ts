import { z } from "zod";
import { passwordStep } from "@/lib/auth/sign-in/password-step";
import { signInRoute } from "@/lib/auth/sign-in/sign-in-route";

const Body = z.object({
  email: z.string().trim().min(1, "Enter your email").max(320),
  password: z.string().min(1, "Enter your password").max(1024),
});

/** Step one of signing in (lib/auth/sign-in/password-step.ts); throttled per email and per IP there. */
export const POST = signInRoute(Body, ({ site, body, ip, userAgent }) => passwordStep(site, body.email, body.password, ip, userAgent));
