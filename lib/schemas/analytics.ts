import { z } from "zod";
import { PLANS } from "@/lib/tenants/plans";
import { TENANT_STATUSES } from "@/lib/schemas/tenant";

// Analytics and health: the queries (parsed by the services, so the console's
// pages mean the same as the API) and the answers (seed 000's analytics shape,
// seed 002 §7's health shape). Every definition is in README "Analytics and health".

export const ANALYTICS_PERIODS = ["7d", "30d", "90d"] as const;
export type AnalyticsPeriod = (typeof ANALYTICS_PERIODS)[number];
export const periodDays = (p: AnalyticsPeriod): number => Number(p.slice(0, -1));

export const ANALYTICS_SEGMENTS = ["users", "storage", "api"] as const;
export const ANALYTICS_SECTIONS = ["user_metrics", "usage_metrics", "feature_adoption", "performance_metrics", "trends"] as const;
export type AnalyticsSection = (typeof ANALYTICS_SECTIONS)[number];

/** `a,b` → a non-empty list of names from `allowed`, each unknown name refused by name. */
const commaList = <const T extends readonly string[]>(allowed: T, max = allowed.length) =>
  z
    .string()
    .trim()
    .max(2000)
    .transform((value, ctx) => {
      const parts = [...new Set(value.split(",").map((p) => p.trim()).filter(Boolean))];
      if (parts.length === 0 || parts.length > max) {
        ctx.addIssue({ code: "custom", message: `Give 1 to ${max} comma-separated names from: ${allowed.join(", ")}` });
        return z.NEVER;
      }
      const bad = parts.find((p) => !(allowed as readonly string[]).includes(p));
      if (bad !== undefined) {
        ctx.addIssue({ code: "custom", message: `Unknown name ${bad.slice(0, 60)}; use: ${allowed.join(", ")}` });
        return z.NEVER;
      }
      return parts as T[number][];
    });

export const tenantAnalyticsQuerySchema = z.strictObject({
  period: z.enum(ANALYTICS_PERIODS).default("30d"),
  segment: z.enum(ANALYTICS_SEGMENTS).optional(),
  metrics: commaList(ANALYTICS_SECTIONS).optional().describe(`Sections to compute, comma-separated (default all): ${ANALYTICS_SECTIONS.join(", ")}`),
});
export type TenantAnalyticsQuery = z.output<typeof tenantAnalyticsQuerySchema>;

export const TREND_DIRECTIONS = ["increasing", "steady", "decreasing"] as const;
export const trendSchema = z.object({
  direction: z.enum(TREND_DIRECTIONS),
  slope_per_day: z.number().nullable().describe("Least-squares slope in the metric's unit per day; null with fewer than 3 points"),
  t_statistic: z.number().nullable(),
  t_critical: z.number().nullable().describe("Two-sided 95 % Student t critical value for n − 2 degrees of freedom"),
  points: z.number().int(),
  reason: z.string().describe("Why the direction was chosen, in words"),
});

const nullableNumber = z.number().nullable();

export const tenantAnalyticsResponseSchema = z.object({
  period: z.enum(ANALYTICS_PERIODS),
  tenant_id: z.string(),
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  analytics: z.object({
    user_metrics: z
      .object({
        total_users: z.number().int().describe("Active memberships now"),
        active_users_30d: z.number().int().describe("Distinct users with an active_user event or a sign-in in the last 30 days"),
        new_users_30d: z.number().int().describe("Memberships created in the last 30 days"),
        user_retention_rate: nullableNumber.describe("Of the users active in the previous period, the share also active in this one; null when none were"),
        avg_session_duration_minutes: nullableNumber.describe("Mean length of sessions reconstructed from active_user events (a gap over 30 minutes ends a session)"),
        user_growth_rate: nullableNumber.describe("(members now − members at the period's start) / members at the start; null when there were none"),
      })
      .optional(),
    usage_metrics: z
      .object({
        api_calls_total: z.number(),
        api_calls_per_day_avg: z.number(),
        atrium_api_calls_total: z.number().describe("Calls to Atrium's own API with this tenant's keys"),
        bandwidth_bytes_total: z.number(),
        files_uploaded_total: z.number(),
        storage_bytes_current: nullableNumber,
        storage_growth_gb: nullableNumber.describe("Latest storage sample of the period minus the first, in GB"),
        peak_concurrent_users: nullableNumber.describe("Most distinct active users in one hour of the period"),
        avg_response_time_ms: nullableNumber,
      })
      .optional(),
    feature_adoption: z.record(z.string(), z.number()).optional().describe("Per feature: share (0–1) of the period's active users with a feature_used event for it"),
    performance_metrics: z
      .object({
        uptime_percentage: nullableNumber.describe("Share of the period's health checks in which the tenant's schema was reachable, in %"),
        error_rate: nullableNumber.describe("(reported error events + Atrium 5xx answers) / (reported api_calls + Atrium calls)"),
        avg_response_time_ms: nullableNumber,
        atrium_avg_response_time_ms: nullableNumber,
        cache_hit_rate: nullableNumber,
        database_query_avg_ms: nullableNumber,
      })
      .optional(),
  }),
  trends: z
    .object({
      user_growth: z.enum(TREND_DIRECTIONS),
      storage_usage: z.enum(TREND_DIRECTIONS),
      api_usage: z.enum(TREND_DIRECTIONS),
      error_rate: z.enum(TREND_DIRECTIONS),
      details: z.object({ user_growth: trendSchema, storage_usage: trendSchema, api_usage: trendSchema, error_rate: trendSchema }),
    })
    .optional(),
  segment: z
    .object({
      name: z.enum(ANALYTICS_SEGMENTS),
      unit: z.string(),
      series: z.array(z.object({ date: z.iso.date(), value: z.number() })),
    })
    .optional()
    .describe("With ?segment=: the segment's daily series over the period (users: distinct active users; storage: bytes; api: calls)"),
  unavailable_metrics: z.array(z.string()).describe("Fields that are null because Atrium cannot measure them (or nothing was reported)"),
});
export type TenantAnalytics = z.output<typeof tenantAnalyticsResponseSchema>;

// ---- cross-tenant ----

export const CROSS_TENANT_SORTS = ["name", "user_count", "active_users", "storage_gb", "api_calls", "growth_rate", "error_rate", "health_score"] as const;
export const CROSS_TENANT_METRICS = ["total_users", "active_users", "total_storage_gb", "total_api_calls", "average_response_time_ms", "platform_uptime"] as const;
const tenantIdPattern = /^tenant_[0-9a-f]{16}$/;
/** 500 ids are about 12 KB of URL, within Node's 16 KB limit for a request's head; for more, leave tenant_ids out (every tenant). */
export const MAX_TENANT_IDS = 500;

export const crossTenantQuerySchema = z.strictObject({
  tenant_ids: z
    .string()
    .trim()
    .max(MAX_TENANT_IDS * 24)
    .transform((value, ctx) => {
      const ids = [...new Set(value.split(",").map((p) => p.trim()).filter(Boolean))];
      if (ids.length === 0 || ids.length > MAX_TENANT_IDS) {
        ctx.addIssue({ code: "custom", message: `Give 1 to ${MAX_TENANT_IDS} comma-separated tenant ids (leave tenant_ids out for every tenant)` });
        return z.NEVER;
      }
      const bad = ids.find((id) => !tenantIdPattern.test(id));
      if (bad !== undefined) {
        ctx.addIssue({ code: "custom", message: `Not a tenant id: ${bad.slice(0, 60)}` });
        return z.NEVER;
      }
      return ids;
    })
    .optional()
    .describe("Comma-separated tenant ids (at most 500); default: every tenant not pending deletion"),
  period: z.enum(ANALYTICS_PERIODS).default("30d"),
  metrics: commaList(CROSS_TENANT_METRICS).optional().describe(`aggregated_metrics fields to return (default all): ${CROSS_TENANT_METRICS.join(", ")}`),
  segment_by: z.enum(["plan", "status"]).optional(),
  sort: z.enum(CROSS_TENANT_SORTS).default("api_calls"),
  order: z.enum(["asc", "desc"]).default("desc"),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(50),
});
export type CrossTenantQuery = z.output<typeof crossTenantQuerySchema>;

const aggregateFields = {
  tenants: z.number().int(),
  total_users: z.number().int(),
  active_users: z.number().int(),
  total_storage_gb: z.number(),
  total_api_calls: z.number(),
};

export const crossTenantResponseSchema = z.object({
  period: z.enum(ANALYTICS_PERIODS),
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  tenants_included: z.number().int(),
  aggregated_metrics: z
    .object({
      total_users: z.number().int(),
      active_users: z.number().int(),
      total_storage_gb: z.number(),
      total_api_calls: z.number(),
      average_response_time_ms: nullableNumber,
      platform_uptime: nullableNumber,
    })
    .partial(),
  segments: z
    .array(z.object({ key: z.string(), ...aggregateFields }))
    .optional()
    .describe("With ?segment_by=plan|status: the same totals per plan or status"),
  tenant_comparison: z.array(
    z.object({
      tenant_id: z.string(),
      name: z.string(),
      slug: z.string(),
      plan: z.enum(PLANS),
      status: z.enum(TENANT_STATUSES),
      user_count: z.number().int(),
      active_users: z.number().int(),
      storage_gb: z.number(),
      api_calls: z.number(),
      growth_rate: nullableNumber.describe("API calls in this period vs the one before it; null when the previous had none"),
      error_rate: nullableNumber,
      health_score: nullableNumber,
    }),
  ),
  pagination: z.object({ page: z.number().int(), page_size: z.number().int(), total_count: z.number().int(), total_pages: z.number().int(), has_next: z.boolean(), has_prev: z.boolean() }),
  timeline: z.array(z.object({ date: z.iso.date(), api_calls: z.number(), tenants: z.number().int() })).describe("Per day of the period: API calls of the included tenants, and tenants existing that day"),
  platform_health: z.object({
    overall_status: z.enum(["healthy", "degraded", "critical"]),
    health_distribution: z.object({ healthy: z.number().int(), degraded: z.number().int(), critical: z.number().int(), unknown: z.number().int() }),
    resource_utilization: nullableNumber.describe("Mean over tenants with a storage quota of storage used / quota"),
    error_rate: nullableNumber,
    performance_score: nullableNumber.describe("Mean stored health score of the included tenants"),
  }),
  unavailable_metrics: z.array(z.string()),
});
export type CrossTenantAnalytics = z.output<typeof crossTenantResponseSchema>;

// ---- health ----

export const HEALTH_STATUSES = ["healthy", "degraded", "critical"] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];
export const HEALTH_CHECK_NAMES = ["schema_reachable", "storage_quota", "api_limits", "seats", "domain_verification", "webhook_failures", "provisioning", "feature_compliance"] as const;
export type HealthCheckName = (typeof HEALTH_CHECK_NAMES)[number];
export const CHECK_STATUSES = ["pass", "warning", "fail"] as const;

export const healthCheckSchema = z.object({
  name: z.enum(HEALTH_CHECK_NAMES),
  status: z.enum(CHECK_STATUSES),
  weight: z.number().int().describe("Points of the 100 this check carries"),
  score: z.number().describe("Points earned: the weight on pass, half on warning, 0 on fail"),
  detail: z.string(),
});

export const tenantHealthResponseSchema = z.object({
  tenant_id: z.string(),
  health_score: z.number().int().min(0).max(100),
  status: z.enum(HEALTH_STATUSES),
  checked_at: z.iso.datetime(),
  checks: z.array(healthCheckSchema),
  recommendations: z.array(z.string()),
  history: z.array(z.object({ date: z.iso.date(), score: z.number().int(), status: z.enum(HEALTH_STATUSES), uptime_percentage: nullableNumber })).describe("The stored daily scores of the last 90 days, oldest first"),
});
export type TenantHealth = z.output<typeof tenantHealthResponseSchema>;

export const healthSummaryQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(20).describe("How many of the worst tenants to list"),
});

/** The `health` field of a tenant in the list: the latest stored check, null before the first. */
export const tenantHealthBadgeSchema = z.object({ score: z.number().int(), status: z.enum(HEALTH_STATUSES), checked_at: z.iso.datetime() }).nullable();

export const healthSummaryResponseSchema = z.object({
  total: z.number().int(),
  counts: z.object({ healthy: z.number().int(), degraded: z.number().int(), critical: z.number().int(), unknown: z.number().int().describe("Tenants never checked yet") }),
  average_score: nullableNumber,
  worst_tenants: z.array(
    z.object({
      tenant_id: z.string(),
      name: z.string(),
      slug: z.string(),
      plan: z.enum(PLANS),
      tenant_status: z.enum(TENANT_STATUSES),
      health_score: z.number().int(),
      status: z.enum(HEALTH_STATUSES),
      failing_checks: z.array(z.enum(HEALTH_CHECK_NAMES)),
      checked_at: z.iso.datetime(),
    }),
  ),
  history: z.array(z.object({ date: z.iso.date(), healthy: z.number().int(), degraded: z.number().int(), critical: z.number().int(), average_score: z.number() })).describe("Per day of the last 30 with stored scores"),
});
