import { z } from "zod";

/** The one rule for a password anyone chooses (staff creation, invitations, direct adds, resets). */
export const newPasswordSchema = z.string().min(12, "Password must be at least 12 characters").max(256, "Password must be at most 256 characters");

export const emailField = z.string().trim().max(320, "Email is too long").pipe(z.email("Enter a valid email address")).transform((e) => e.toLowerCase());
