import { defineRoute, PLATFORM_ACCESS_NOTE } from "@/lib/api-contracts/define-route";
import {
  crossTenantQuerySchema,
  crossTenantResponseSchema,
  healthSummaryQuerySchema,
  healthSummaryResponseSchema,
  tenantAnalyticsQuerySchema,
  tenantAnalyticsResponseSchema,
  tenantHealthResponseSchema,
} from "@/lib/schemas/analytics";

export const tenantAnalytics = defineRoute({
  method: "GET",
  path: "/api/v1/tenants/{id}/analytics",
  tag: "Analytics and health",
  summary: "The tenant's user, usage, feature-adoption and performance metrics over a period, with trends (seed 000)",
  description:
    "Computed from the usage rollups, memberships and the stored health checks. A figure Atrium cannot measure, or that nothing was reported for, is null and named in unavailable_metrics. Trends are the sign of a least-squares slope that is significant at 95 % (Student t), else steady. Members and tenant keys need usage:read. " +
    PLATFORM_ACCESS_NOTE,
  access: { tenant: "usage:read" },
  rateLimit: "resource_usage",
  query: tenantAnalyticsQuerySchema,
  responses: { 200: { description: "The analytics", data: tenantAnalyticsResponseSchema } },
  errors: [400, 401, 403, 404],
});

export const tenantHealth = defineRoute({
  method: "GET",
  path: "/api/v1/tenants/{id}/health",
  tag: "Analytics and health",
  summary: "The tenant's health now: score 0–100, status, each check and plain-words recommendations (seed 002 §7)",
  description:
    "Checks: schema reachable, storage quota, API limits, seats, domain verification, webhook failures, provisioning state, feature compliance with the plan; each carries a weight, and the score is the sum of the points earned. healthy ≥ 80 with no failed check, critical < 50 or the schema unreachable, degraded otherwise. history holds the stored daily scores. Members and tenant keys need usage:read. " +
    PLATFORM_ACCESS_NOTE,
  access: { tenant: "usage:read" },
  rateLimit: "resource_usage",
  responses: { 200: { description: "The health", data: tenantHealthResponseSchema } },
  errors: [401, 403, 404],
});

export const healthSummary = defineRoute({
  method: "GET",
  path: "/api/v1/tenants/health-summary",
  tag: "Analytics and health",
  summary: "Tenants per health status, the worst first (platform staff)",
  description: "From the stored checks (refreshed by the tenant-health job). Needs tenants:read.",
  access: { platform: "tenants:read" },
  rateLimit: "resource_usage",
  query: healthSummaryQuerySchema,
  responses: { 200: { description: "The summary", data: healthSummaryResponseSchema } },
  errors: [400, 401, 403],
});

export const crossTenantAnalytics = defineRoute({
  method: "GET",
  path: "/api/v1/analytics/cross-tenant",
  tag: "Analytics and health",
  summary: "Aggregated metrics over many tenants, per plan or status, and a sortable, paginated comparison (platform staff)",
  description:
    "One pass over the usage rollups for every included tenant (all when tenant_ids is left out). tenant_comparison is sorted by `sort` (then tenant id) and paginated with page/page_size. Needs tenants:read; tenant keys and members are refused.",
  access: { platform: "tenants:read" },
  rateLimit: "resource_usage",
  query: crossTenantQuerySchema,
  responses: { 200: { description: "The analytics", data: crossTenantResponseSchema } },
  errors: [400, 401, 403],
});
