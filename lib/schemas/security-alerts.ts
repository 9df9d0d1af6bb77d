import { z } from "zod";
import { SECURITY_ALERT_KINDS } from "@/lib/security-alerts/alert-kinds";
import { AUDIT_PAGE_SIZE_MAX, auditCursorParam } from "@/lib/schemas/audit";

export const SECURITY_ALERTS_PAGE_SIZE = 50;

export const securityAlertsQuerySchema = z.strictObject({
  kind: z.enum(SECURITY_ALERT_KINDS, { message: `One of ${SECURITY_ALERT_KINDS.join(", ")}` }).optional().describe("One kind of alert"),
  tenant_id: z
    .string()
    .trim()
    .regex(/^(?:platform|[A-Za-z0-9_-]{1,64})$/, "A tenant id, or platform for alerts of no tenant (staff accounts)")
    .optional()
    .describe("One tenant's alerts, or `platform` for staff accounts' alerts"),
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_SIZE_MAX).default(SECURITY_ALERTS_PAGE_SIZE),
  cursor: auditCursorParam.optional().describe("next_cursor of the previous page"),
});
export type SecurityAlertsQuery = z.output<typeof securityAlertsQuerySchema>;

export const securityAlertSchema = z.object({
  id: z.string().describe("The audit event's id"),
  timestamp: z.string(),
  kind: z.enum(SECURITY_ALERT_KINDS),
  event_type: z.string().describe("The security.* audit action"),
  account: z.object({ user_id: z.string(), email: z.string().nullable() }).nullable().describe("The account it concerns (null for a tenant-level alert)"),
  tenant_id: z.string().nullable(),
  tenant_name: z.string().nullable(),
  ip_address: z.string().nullable(),
  actor: z.string().describe("Who did it, as recorded"),
  detail: z.record(z.string(), z.unknown()).describe("What the alert says (never secrets)"),
});
export type SecurityAlertItem = z.output<typeof securityAlertSchema>;

export const securityAlertsResponseSchema = z.object({
  items: z.array(securityAlertSchema),
  next_cursor: z.string().nullable().describe("Pass as cursor for the next (older) page; null on the last page"),
});
export type SecurityAlertsResponse = z.output<typeof securityAlertsResponseSchema>;
