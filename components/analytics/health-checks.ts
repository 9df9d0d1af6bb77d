import type { HealthCheckName } from "@/lib/schemas/analytics";

/** Each health check in words: its name, and what a failing one means for the tenant. */
export const HEALTH_CHECKS: Record<HealthCheckName, { label: string; problem: string }> = {
  schema_reachable: { label: "Schema reachable", problem: "Database schema unreachable" },
  storage_quota: { label: "Storage quota", problem: "Storage near or over quota" },
  api_limits: { label: "API limits", problem: "API calls near or over the daily limit" },
  seats: { label: "Seats", problem: "Seats near or over the limit" },
  domain_verification: { label: "Domain verification", problem: "Custom domain not verified" },
  webhook_failures: { label: "Webhook deliveries", problem: "Webhook deliveries failing" },
  provisioning: { label: "Provisioning", problem: "Provisioning not finished" },
  feature_compliance: { label: "Plan features", problem: "Features outside the plan" },
};
