import { z } from "zod";

/**
 * Limits check, alert thresholds and in-app notices (issue 11 §2). One schema
 * per contract, shared by the route handlers, the console's forms and the
 * OpenAPI document.
 */

/** Seed 000's check types, plus bandwidth (monthly). */
export const LIMIT_RESOURCES = ["storage_quota", "api_rate_limits", "user_count", "database_connections", "bandwidth"] as const;
export type LimitResource = (typeof LIMIT_RESOURCES)[number];

export const LIMIT_RESOURCE_LABELS: Record<LimitResource, string> = {
  storage_quota: "Storage",
  api_rate_limits: "API calls today",
  user_count: "Users",
  database_connections: "Database connections",
  bandwidth: "Bandwidth this month",
};

/** Seed 000's statuses; `critical` is a level between warning and exceeded that the seed's `status` reports as `warning` (see `alert_level`). */
export const LIMIT_STATUSES = ["healthy", "warning", "exceeded"] as const;
export const ALERT_LEVELS = ["healthy", "warning", "critical", "exceeded"] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];
export const NOTIFICATION_CHANNELS = ["email", "in_app"] as const;

const resourceName = z.string().refine((r) => (LIMIT_RESOURCES as readonly string[]).includes(r), {
  error: (issue) => `Unknown check type ${JSON.stringify(issue.input)}; use one of ${LIMIT_RESOURCES.join(", ")}`,
});

export const limitsCheckSchema = z.strictObject({
  check_types: z
    .array(resourceName)
    .min(1, "Name at least one check type")
    .max(LIMIT_RESOURCES.length * 2)
    .transform((types) => [...new Set(types)] as LimitResource[])
    .optional(),
  /** Enforcement starts at limit × (1 + grace/100). */
  grace_period_percent: z.number().min(0, "Must be 0 or more").max(100, "Must be 100 or less").default(10),
  /** false makes the check observe only; true enforces when the tenant's auto_enforce setting is on. */
  auto_enforce: z.boolean().default(true),
  notifications: z.array(z.enum(NOTIFICATION_CHANNELS)).max(2).default(["email", "in_app"]),
});
export type LimitsCheckInput = z.output<typeof limitsCheckSchema>;

export const limitStatusSchema = z.object({
  resource: z.enum(LIMIT_RESOURCES),
  current: z.number(),
  /** null: unlimited. */
  limit: z.number().nullable(),
  unit: z.string(),
  usage_percent: z.number().nullable(),
  status: z.enum(LIMIT_STATUSES),
  alert_level: z.enum(ALERT_LEVELS),
  actions_taken: z.array(z.string()),
});

export const limitsCheckResultSchema = z.object({
  check_id: z.string(),
  timestamp: z.string(),
  /** true when the caller may only observe (a tenant's own admins and keys): nothing was enforced, recorded or sent. */
  dry_run: z.boolean(),
  auto_enforce_setting: z.boolean(),
  limits_status: z.array(limitStatusSchema),
  overall_status: z.enum(LIMIT_STATUSES),
  notifications_sent: z.number().int(),
  /** What is enforced after this check (until null: until a check lifts it). */
  enforcements: z.array(z.object({ resource: z.enum(LIMIT_RESOURCES), since: z.string(), until: z.string().nullable() })),
  /** Check types Atrium cannot measure (yet): not invented, left out of limits_status. */
  unavailable: z.array(z.enum(LIMIT_RESOURCES)),
  next_check_at: z.string(),
});

const percent = z.number().min(1, "Must be at least 1").max(1000, "Must be at most 1000");
const levelsShape = { warning_percent: percent, critical_percent: percent, exceeded_percent: percent };

/** Increasing: warning < critical < exceeded; each error names the field that breaks the order. */
function checkOrder(t: { warning_percent?: number; critical_percent?: number; exceeded_percent?: number }, ctx: z.RefinementCtx, prefix: (string | number)[] = []) {
  const { warning_percent: w, critical_percent: c, exceeded_percent: e } = t;
  if (w !== undefined && c !== undefined && c <= w) ctx.addIssue({ code: "custom", path: [...prefix, "critical_percent"], message: `Must be above warning_percent (${w})` });
  if (c !== undefined && e !== undefined && e <= c) ctx.addIssue({ code: "custom", path: [...prefix, "exceeded_percent"], message: `Must be above critical_percent (${c})` });
  if (w !== undefined && e !== undefined && e <= w) ctx.addIssue({ code: "custom", path: [...prefix, "exceeded_percent"], message: `Must be above warning_percent (${w})` });
}

export const thresholdLevelsSchema = z.strictObject(levelsShape);
export type ThresholdLevels = z.output<typeof thresholdLevelsSchema>;

export const DEFAULT_THRESHOLDS: ThresholdLevels = { warning_percent: 80, critical_percent: 95, exceeded_percent: 100 };

/** PUT body: the tenant-wide levels, and per resource the levels that differ (a resource left out follows the tenant-wide ones). */
export const updateAlertThresholdsSchema = z
  .strictObject({
    ...levelsShape,
    overrides: z.partialRecord(z.enum(LIMIT_RESOURCES), z.strictObject(levelsShape)).default({}),
  })
  .superRefine((t, ctx) => {
    checkOrder(t, ctx);
    for (const [resource, levels] of Object.entries(t.overrides)) if (levels) checkOrder(levels, ctx, ["overrides", resource]);
  });
export type UpdateAlertThresholdsInput = z.output<typeof updateAlertThresholdsSchema>;

export const alertThresholdsSchema = z.object({
  ...levelsShape,
  overrides: z.partialRecord(z.enum(LIMIT_RESOURCES), thresholdLevelsSchema),
  /** The levels each resource is checked against (overrides applied). */
  effective: z.record(z.enum(LIMIT_RESOURCES), thresholdLevelsSchema),
  /** false while the defaults apply (nothing saved yet). */
  customised: z.boolean(),
  updated_at: z.string().nullable(),
});
export type AlertThresholds = z.output<typeof alertThresholdsSchema>;

export const NOTICE_SEVERITIES = ["warning", "critical", "exceeded"] as const;

export const tenantNoticeSchema = z.object({
  id: z.string(),
  severity: z.enum(NOTICE_SEVERITIES),
  resource: z.enum(LIMIT_RESOURCES),
  message: z.string(),
  usage_percent: z.number().nullable(),
  created_at: z.string(),
  dismissed_at: z.string().nullable(),
});
export type TenantNotice = z.output<typeof tenantNoticeSchema>;

export const listNoticesQuerySchema = z.strictObject({
  include_dismissed: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
