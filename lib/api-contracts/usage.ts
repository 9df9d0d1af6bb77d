import { defineRoute, PLATFORM_ACCESS_NOTE } from "@/lib/api-contracts/define-route";
import { scaleResponseSchema, scaleTenantSchema, usageQuerySchema, usageResponseSchema } from "@/lib/schemas/usage";

export const getTenantUsage = defineRoute({
  method: "GET",
  path: "/api/v1/tenants/{id}/usage",
  tag: "Resource management",
  summary: "Resource usage over a period, limits, and 30-day projections",
  description:
    "Figures come from the usage rollups (reported events and Atrium's own 5-minute samples). A figure Atrium cannot measure, or has no sample for yet, is null and its dotted path is listed in `unavailable_metrics`; nothing is estimated. `metrics` narrows the sections (database, storage, api, cache). With `include_projections=true`, each projection is a least-squares line over the period's points (hourly for 1h/24h, daily for 7d/30d), with the points used and r²; fewer than 3 points give null and a reason. " +
    `Tenant members and keys need usage:read. ${PLATFORM_ACCESS_NOTE}`,
  access: { tenant: "usage:read" },
  rateLimit: "resource_usage",
  query: usageQuerySchema,
  responses: { 200: { description: "Usage of the period", data: usageResponseSchema } },
  errors: [400, 401, 403, 404, 429],
});

export const scaleTenant = defineRoute({
  method: "POST",
  path: "/api/v1/tenants/{id}/scale",
  tag: "Resource management",
  summary: "Scale a tenant's limits now or at a scheduled time",
  description:
    "Each target must be within the platform maximum (400 limits_exceeded naming every field over it; plans set no maximum of their own: a plan's limits are what its price includes, and units above them are add-ons priced in `billing_impact`). " +
    "When the monthly cost rises, `billing_approval: true` is required (400 billing_approval_required otherwise); nothing is written before every check passes. " +
    "`immediate` applies every step in one transaction (database_connection_pool runs ALTER ROLE … CONNECTION LIMIT on the tenant's database role); `scheduled` records the scaling and a job applies it at `scheduled_at`. Audited and published as resources.scaled. Platform staff only (tenants:update).",
  access: { tenant: "usage:read", platform: "tenants:update", tenantSide: "none" },
  rateLimit: "resource_usage",
  body: scaleTenantSchema,
  headers: ["idempotency-key"],
  responses: {
    200: { description: "Scaled (immediate)", data: scaleResponseSchema },
    202: { description: "Scheduled", data: scaleResponseSchema },
  },
  errors: [400, 401, 403, 404, 409, 429],
});
