import { defineRoute } from "@/lib/api-contracts/define-route";
import { securityAlertsQuerySchema, securityAlertsResponseSchema } from "@/lib/schemas/security-alerts";

export const listSecurityAlerts = defineRoute({
  method: "GET",
  path: "/api/v1/security/alerts",
  tag: "Security",
  summary: "Security alerts across tenants (platform staff)",
  description:
    "The security alerts raised across every tenant and the platform (a sign-in from a new device or network, repeated sign-in failures, 2FA turned off, a new API key, a security policy change, support access requested, started or ended, a password reset, a passkey removed), newest first. They are the security.* events of the audit log. Filters: kind, tenant_id (or platform for staff accounts). Keyset pages: limit (1–200, default 50) and cursor (the previous page's next_cursor). Needs security:read.",
  access: { platform: "security:read" },
  rateLimit: "tenant_queries",
  query: securityAlertsQuerySchema,
  responses: { 200: { description: "A page of alerts", data: securityAlertsResponseSchema } },
  errors: [400, 401, 403],
});
