import { z } from "zod";

export const IMPERSONATION_STATUSES = ["requested", "approved", "denied", "expired", "revoked"] as const;
export type ImpersonationStatus = (typeof IMPERSONATION_STATUSES)[number];
export const MAX_IMPERSONATION_MINUTES = 240;

/** POST /tenants/{id}/impersonation-requests. */
export const impersonationRequestSchema = z
  .object({
    reason: z.string().trim().min(3, "Say why support needs access (at least 3 characters)").max(500),
    duration_minutes: z.number().int().min(5, "At least 5 minutes").max(MAX_IMPERSONATION_MINUTES, `At most ${MAX_IMPERSONATION_MINUTES} minutes (4 hours)`),
    mode: z.enum(["read_only", "full"]),
  })
  .strict();
export type ImpersonationRequestInput = z.infer<typeof impersonationRequestSchema>;

export const impersonationGrantSchema = z.object({
  id: z.string(),
  tenant_id: z.string(),
  staff_user_id: z.string(),
  staff_email: z.string(),
  reason: z.string(),
  mode: z.enum(["read_only", "full"]),
  duration_minutes: z.number().int(),
  status: z.enum(IMPERSONATION_STATUSES),
  requested_at: z.string(),
  decided_at: z.string().nullable(),
  /** Who approved or denied: an owner's email, or "policy" for a pre-approved plan. */
  decided_by: z.string().nullable(),
  starts_at: z.string().nullable(),
  expires_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
  revoked_by: z.string().nullable(),
});
export type ImpersonationGrantView = z.infer<typeof impersonationGrantSchema>;

export const impersonationGrantListSchema = z.array(impersonationGrantSchema);
