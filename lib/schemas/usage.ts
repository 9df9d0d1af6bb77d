import { z } from "zod";

// GET /api/v1/tenants/{id}/usage and POST /api/v1/tenants/{id}/scale (seed 000).
// Seed 000 suffixes period figures with `_24h`, its example period; the period
// here is the caller's, so those fields drop the suffix (`calls`, `uploads`, …)
// and the answer says which period and window they cover.

export const USAGE_PERIODS = ["1h", "24h", "7d", "30d"] as const;
export type UsagePeriod = (typeof USAGE_PERIODS)[number];

/** The sections `metrics=` may name (a comma-separated subset); all of them by default. */
export const USAGE_SECTIONS = ["database", "storage", "api", "cache"] as const;
export type UsageSection = (typeof USAGE_SECTIONS)[number];

const booleanParam = z.enum(["true", "false"], { error: "Must be true or false" }).transform((v) => v === "true");

export const usageQuerySchema = z.strictObject({
  period: z.enum(USAGE_PERIODS, { error: `Must be one of ${USAGE_PERIODS.join(", ")}` }).default("24h"),
  metrics: z
    .string()
    .max(200)
    .describe(`Comma-separated sections to answer: ${USAGE_SECTIONS.join(", ")} (default: all)`)
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return [...USAGE_SECTIONS];
      const names = [...new Set(v.split(",").map((s) => s.trim()).filter(Boolean))];
      const unknown = names.filter((n) => !(USAGE_SECTIONS as readonly string[]).includes(n));
      if (unknown.length > 0 || names.length === 0) {
        ctx.addIssue({ code: "custom", message: names.length === 0 ? `Name at least one of ${USAGE_SECTIONS.join(", ")}` : `Unknown metric ${unknown.map((u) => `'${u}'`).join(", ")}; use ${USAGE_SECTIONS.join(", ")}` });
        return z.NEVER;
      }
      return names as UsageSection[];
    }),
  include_projections: booleanParam.default(false),
});
export type UsageQuery = z.output<typeof usageQuerySchema>;

const iso = z.iso.datetime();
const num = z.number();
const unmeasured = (what: string) => num.nullable().describe(`null when ${what} (then listed in unavailable_metrics)`);

const connectionsSchema = z.object({
  current: unmeasured("no connection sample was taken yet"),
  peak: unmeasured("no sample falls in the period").describe("Most connections seen by a 5-minute sample in the period"),
  limit: num.nullable().describe("The role's CONNECTION LIMIT; null: unlimited"),
  avg_response_time_ms: unmeasured("not measured (Atrium does not time the tenant's own queries)"),
});

const dbStorageSchema = z.object({
  used_gb: unmeasured("no storage sample was taken yet"),
  limit_gb: num.nullable(),
  growth_gb: unmeasured("fewer than two samples fall in the period").describe("Newest sample minus the period's first hourly (≤24h) or daily mean"),
  tables_count: num.int().describe("Tables in the tenant's schema, counted now"),
  indexes_size_gb: unmeasured("no sample was taken yet"),
});

export const usageSectionsSchema = z.object({
  database: z
    .object({
      connections: connectionsSchema,
      storage: dbStorageSchema,
      queries: z.null().describe("Per-tenant query statistics are not measured; always null and listed"),
    })
    .optional(),
  storage: z
    .object({
      files_count: z.null().describe("Deletions are not reported, so no file count can be kept; always null and listed"),
      total_size_gb: unmeasured("no sample was taken yet").describe("Files Atrium stores for the tenant (uploaded assets)"),
      uploads: num.describe("Sum of reported files_uploaded in the period"),
      downloads: z.null().describe("No download meter is reported; always null and listed"),
      bandwidth_gb: num.describe("Sum of reported bandwidth_bytes in the period, in GB (2^30 bytes)"),
    })
    .optional(),
  api: z
    .object({
      calls: num.describe("Sum of reported api_calls in the period (what api_calls_per_day limits)"),
      atrium_calls: num.describe("Calls to Atrium's own API for this tenant in the period"),
      rate_limit_hits: unmeasured("not recorded (Atrium keeps its own calls by status class only)"),
      avg_response_time_ms: unmeasured("no call was timed in the period").describe("Mean over reported response_time_ms events and Atrium's own calls"),
      error_rate: unmeasured("no call was made in the period").describe("(reported error events + Atrium's 5xx answers) ÷ (reported api_calls + Atrium's calls)"),
      unique_users: num.int().describe("Distinct users with an active_user event in the period"),
    })
    .optional(),
  cache: z.null().describe("Atrium runs no cache for tenants; always null and listed").optional(),
});

const limitItem = z.object({ current: num, limit: num.nullable(), percent: num.nullable().describe("null when the limit is unlimited") });

const fitSchema = z.object({
  estimate: num.nullable(),
  method: z.literal("least_squares_linear"),
  granularity: z.enum(["hour", "day"]),
  points: num.int().describe("Points the line was fitted to"),
  slope_per_day: num.nullable(),
  intercept: num.nullable().describe("Value of the line at the period's start"),
  r2: num.nullable().describe("Coefficient of determination of the fit (1: every point on the line); null for a flat series"),
  reason: z.string().nullable().describe("Why estimate is null (too few points)"),
});
export type ProjectionFit = z.infer<typeof fitSchema>;

export const projectionsSchema = z.object({
  method: z.literal("least_squares_linear"),
  horizon_days: z.literal(30),
  storage_30d_estimate_gb: num.nullable(),
  api_calls_30d_estimate: num.nullable().describe("Calls over the next 30 days, summed along the line"),
  users_30d_estimate: num.nullable(),
  fits: z.object({ storage_gb: fitSchema, api_calls: fitSchema, users: fitSchema }),
});

export const usageResponseSchema = z.object({
  period: z.enum(USAGE_PERIODS),
  tenant_id: z.string(),
  from: iso,
  to: iso,
  usage: usageSectionsSchema,
  unavailable_metrics: z.array(z.string()).describe("Dotted paths of every null figure above: Atrium cannot measure them or has no sample yet"),
  limits: z.object({ users: limitItem, storage_gb: limitItem, api_calls_daily: limitItem, database_connections: limitItem }),
  projections: projectionsSchema.optional().describe("With include_projections=true"),
});
export type UsageResponse = z.infer<typeof usageResponseSchema>;

// ---- scale ----

/** The limits a scaling may set; each step applies some of them. */
export const SCALABLE_LIMITS = ["users", "storage_gb", "api_calls_per_day", "database_connections", "bandwidth_gb"] as const;
export type ScalableLimit = (typeof SCALABLE_LIMITS)[number];
export const SCALE_STEPS = ["database_connection_pool", "storage_quota_update", "api_limit_update", "seat_limit_update"] as const;
export type ScaleStepName = (typeof SCALE_STEPS)[number];

const target = () => z.number().int("Must be a whole number").min(1, "Must be 1 or more");

export const scaleTenantSchema = z
  .strictObject({
    target_limits: z
      .strictObject(Object.fromEntries(SCALABLE_LIMITS.map((k) => [k, target().optional()])) as Record<ScalableLimit, z.ZodOptional<ReturnType<typeof target>>>)
      .refine((t) => Object.values(t).some((v) => v !== undefined), { message: `Name at least one of ${SCALABLE_LIMITS.join(", ")}` }),
    scale_strategy: z.enum(["immediate", "scheduled"]).default("immediate"),
    scheduled_at: z.iso.datetime({ offset: true }).optional(),
    billing_approval: z.boolean().default(false),
    notification_settings: z.strictObject({ notify_admin: z.boolean().default(true), notify_users: z.boolean().default(false) }).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.scale_strategy === "scheduled" && !b.scheduled_at) ctx.addIssue({ code: "custom", path: ["scheduled_at"], message: "Required when scale_strategy is scheduled" });
    if (b.scale_strategy === "immediate" && b.scheduled_at) ctx.addIssue({ code: "custom", path: ["scheduled_at"], message: "Only with scale_strategy scheduled" });
    if (b.scheduled_at && new Date(b.scheduled_at).getTime() <= Date.now()) ctx.addIssue({ code: "custom", path: ["scheduled_at"], message: "Must be in the future" });
  });
export type ScaleTenantInput = z.output<typeof scaleTenantSchema>;

const limitsObject = z.object(Object.fromEntries(SCALABLE_LIMITS.map((k) => [k, num.nullable().optional()])));

export const scaleStepSchema = z.object({
  name: z.enum(SCALE_STEPS),
  status: z.enum(["pending", "completed", "failed"]),
  limits: z.array(z.enum(SCALABLE_LIMITS)).describe("The limits this step sets"),
  completed_at: iso.nullable(),
  estimated_completion: iso.nullable().describe("For a pending step: when the scheduled scaling runs"),
});

export const billingImpactSchema = z.object({
  currency: z.literal("USD"),
  additional_cost_monthly: num.describe("Add-on price change per month (negative: a credit); lib/tenants/plans.ts ADDON_PRICES_USD"),
  prorated_today: num.describe("additional_cost_monthly × days left in the billing month ÷ days in it, from the day the scaling applies"),
  next_billing_date: iso,
  lines: z.array(z.object({ limit: z.enum(SCALABLE_LIMITS), from: num.nullable(), to: num, unit_price: num, billable_units_change: num, monthly: num })),
});

export const scaleResponseSchema = z.object({
  scaling_id: z.string(),
  status: z.enum(["scheduled", "completed", "failed", "cancelled"]),
  scale_strategy: z.enum(["immediate", "scheduled"]),
  scheduled_at: iso.nullable(),
  estimated_completion: iso,
  completed_at: iso.nullable(),
  current_limits: limitsObject.describe("The limits before the scaling"),
  target_limits: limitsObject,
  steps: z.array(scaleStepSchema),
  billing_impact: billingImpactSchema,
  notifications_queued: num.int().describe("Mails queued (mail outbox) to the people notification_settings names; 0 until a scheduled scaling is applied"),
});
export type ScaleResponse = z.infer<typeof scaleResponseSchema>;
