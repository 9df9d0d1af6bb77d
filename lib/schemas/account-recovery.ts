import { z } from "zod";
import { emailField, newPasswordSchema } from "@/lib/schemas/password";

export const passwordResetRequestSchema = z.strictObject({ email: emailField });

const token = z.string().min(16, "The link is incomplete").max(200, "The link is malformed");

export const passwordResetCompleteSchema = z.strictObject({ token, password: newPasswordSchema });

export const emailVerificationSchema = z.strictObject({ token });
