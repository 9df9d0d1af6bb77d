import { defineRoute } from "@/lib/api-contracts/define-route";
import { usageEventsBodySchema, usageEventsResultSchema } from "@/lib/schemas/usage-events";

export const reportUsageEvents = defineRoute({
  method: "POST",
  path: "/api/v1/usage/events",
  tag: "Usage",
  summary: "Report usage events (batch of up to 1,000)",
  description:
    "The product reports what its tenants used: api_calls, bandwidth_bytes, files_uploaded, active_user (properties.user_id), feature_used (properties.feature), response_time_ms, error. " +
    "A platform key (tenants:update) reports for any tenant (tenant_id on each event); a tenant key with usage:report, on its tenant's host, for its own tenant (tenant_id may be left out; " +
    "naming any other tenant refuses the whole batch with 403 cross_tenant_access_denied and records nothing). Event ids deduplicate per tenant for the raw retention period: resending " +
    "a batch, even with changed timestamps or values, changes nothing. Each event is checked on its own: an unknown or measured meter, a value that is negative or not finite, a timestamp " +
    "older than the raw retention or more than 5 minutes ahead, a missing property or an unknown tenant rejects that event (listed in `errors` with its index and reason) while the others are recorded. " +
    "Accepted events are added to the hourly and daily rollups in the same transaction.",
  access: { tenant: "usage:report", platform: "tenants:update", tenantSide: "own" },
  rateLimit: "resource_usage",
  // Reported usage is recorded even while the tenant's keys are refused for being over their daily API calls.
  tenantEnforcement: "exempt",
  body: usageEventsBodySchema,
  bodyParsedBy: "service",
  maxBodyBytes: 2 * 1024 * 1024,
  headers: ["idempotency-key"],
  responses: { 200: { description: "Counts of accepted, duplicate and rejected events, and why each rejected one was", data: usageEventsResultSchema } },
  errors: [400, 401, 403, 409, 413, 415, 429],
});
