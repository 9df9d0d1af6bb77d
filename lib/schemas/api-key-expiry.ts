import { z } from "zod";

/** The expiry choices the create dialogs offer; the API accepts any whole number of days in range, or a date. */
export const API_KEY_EXPIRY_CHOICES = [30, 90, 365] as const;
export const MAX_API_KEY_DAYS = 3650;
const DAY_MS = 86_400_000;

/**
 * Optional expiry of a new key: `expires_in_days` (1–3650) or `expires_at`
 * (a future ISO date-time within 10 years), not both; neither or null means
 * the key never expires.
 */
export const apiKeyExpiryFields = {
  expires_in_days: z.number().int("Must be a whole number of days").min(1, "At least 1 day").max(MAX_API_KEY_DAYS, `At most ${MAX_API_KEY_DAYS} days`).nullable().optional(),
  expires_at: z.iso
    .datetime({ offset: true, message: "Use an ISO 8601 date-time such as 2027-01-31T00:00:00Z" })
    .refine((s) => Date.parse(s) > Date.now(), { message: "Must be in the future" })
    .refine((s) => Date.parse(s) <= Date.now() + MAX_API_KEY_DAYS * DAY_MS, { message: `At most ${MAX_API_KEY_DAYS} days ahead` })
    .nullable()
    .optional(),
};

export const refineOneExpiry = (b: { expires_in_days?: number | null; expires_at?: string | null }, ctx: z.RefinementCtx) => {
  if (b.expires_in_days != null && b.expires_at != null) ctx.addIssue({ code: "custom", path: ["expires_at"], message: "Send expires_in_days or expires_at, not both" });
};

/** When a key created now with this input expires, or null for never. */
export function apiKeyExpiresAt(b: { expires_in_days?: number | null; expires_at?: string | null }, now = Date.now()): Date | null {
  if (b.expires_in_days != null) return new Date(now + b.expires_in_days * DAY_MS);
  if (b.expires_at != null) return new Date(b.expires_at);
  return null;
}
