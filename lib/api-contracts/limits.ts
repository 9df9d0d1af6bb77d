import { z } from "zod";
import { defineRoute } from "@/lib/api-contracts/define-route";
import {
  alertThresholdsSchema,
  limitsCheckResultSchema,
  limitsCheckSchema,
  listNoticesQuerySchema,
  tenantNoticeSchema,
  updateAlertThresholdsSchema,
} from "@/lib/schemas/limits";

const TAG = "Tenant limits and alerts";

export const checkLimits = defineRoute({
  method: "POST",
  path: "/api/v1/tenants/{id}/limits/check",
  tag: TAG,
  summary: "Check the tenant's usage against its limits; enforce and alert",
  description: [
    "Compares current usage with each limit. `status` is seed 000's healthy / warning / exceeded; `alert_level` adds critical (between the warning and exceeded thresholds, reported as status warning).",
    "Enforcement (staff with tenants:update, `auto_enforce` true and the tenant's `settings.auto_enforce` on): API calls today at or above the daily limit plus `grace_period_percent` refuse the tenant's API keys with 429 tenant_limit_exceeded until the next UTC day; storage at or above the quota plus grace refuses uploads with 429 storage_quota_exceeded. A check below the limit lifts an enforcement.",
    "Each upward crossing of an alert threshold (GET …/alert-thresholds) is raised once per period (UTC day for API calls, month for bandwidth, until usage falls back below for storage, users and connections): email to the tenant's owners and admins, an in-app notice, and the events resources.quota.warning / resources.quota.exceeded.",
    "Tenant owners, admins and keys with settings:update may run it too, as a dry run (`dry_run: true`): nothing is enforced, recorded or sent, so a tenant cannot lift its own enforcement or flood its admins; members who only read usage see it through GET …/usage. The same check runs hourly for every tenant.",
  ].join(" "),
  access: { tenant: "settings:update" },
  rateLimit: "resource_usage",
  body: limitsCheckSchema,
  bodyParsedBy: "service",
  bodyOptional: true,
  headers: ["idempotency-key"],
  responses: { 200: { description: "The check's result", data: limitsCheckResultSchema } },
  errors: [400, 401, 403, 404, 429],
});

export const getAlertThresholds = defineRoute({
  method: "GET",
  path: "/api/v1/tenants/{id}/alert-thresholds",
  tag: TAG,
  summary: "The usage percentages that raise warning, critical and exceeded alerts",
  description: "Defaults 80 / 95 / 100 % until changed; `effective` lists the levels each resource is checked against. Needs usage:read.",
  access: { tenant: "usage:read" },
  rateLimit: "tenant_queries",
  responses: { 200: { description: "Thresholds", data: z.object({ thresholds: alertThresholdsSchema }) } },
  errors: [401, 403, 404],
});

export const updateAlertThresholds = defineRoute({
  method: "PUT",
  path: "/api/v1/tenants/{id}/alert-thresholds",
  tag: TAG,
  summary: "Change the alert thresholds (tenant-wide, with optional per-resource overrides)",
  description: "Percentages 1–1000, strictly increasing warning < critical < exceeded (an order that is not is a 400 naming the field, and nothing is saved). `overrides` replaces the stored overrides. Needs settings:update (tenant owners and admins) or tenants:update.",
  access: { tenant: "settings:update" },
  rateLimit: "tenant_queries",
  body: updateAlertThresholdsSchema,
  bodyParsedBy: "service",
  responses: { 200: { description: "Saved", data: z.object({ thresholds: alertThresholdsSchema }) } },
  errors: [400, 401, 403, 404],
});

export const listNotices = defineRoute({
  method: "GET",
  path: "/api/v1/tenants/{id}/notices",
  tag: TAG,
  summary: "In-app usage notices, newest first (not dismissed unless include_dismissed=true)",
  description: "Needs usage:read.",
  access: { tenant: "usage:read" },
  rateLimit: "tenant_queries",
  query: listNoticesQuerySchema,
  responses: { 200: { description: "Notices", data: z.object({ notices: z.array(tenantNoticeSchema) }) } },
  errors: [400, 401, 403, 404],
});

export const dismissNotice = defineRoute({
  method: "POST",
  path: "/api/v1/tenants/{id}/notices/{notice_id}/dismiss",
  tag: TAG,
  summary: "Dismiss a notice for everyone in the tenant",
  description: "Dismissing twice answers the notice as it is. Needs settings:update or tenants:update.",
  access: { tenant: "settings:update" },
  rateLimit: "tenant_queries",
  responses: { 200: { description: "Dismissed", data: z.object({ notice: tenantNoticeSchema }) } },
  errors: [401, 403, 404],
});
