import { z } from "zod";
import type { PlatformPermission } from "@/lib/auth/permissions";
import { HEALTH_STATUSES } from "@/lib/schemas/analytics";
import { featuresSchema, settingsFields, TENANT_STATUSES } from "@/lib/schemas/tenant";
import { FEATURES, PLANS } from "@/lib/tenants/plans";

export const BULK_OPERATIONS = ["activate", "deactivate", "delete", "update_features", "update_settings", "change_plan", "apply_template"] as const;
export type BulkOperationName = (typeof BULK_OPERATIONS)[number];

/** The platform permission each operation needs, checked before anything but `operation` is read. */
export const BULK_OPERATION_PERMISSIONS: Record<BulkOperationName, PlatformPermission> = {
  activate: "tenants:suspend",
  deactivate: "tenants:suspend",
  delete: "tenants:delete",
  update_features: "tenants:update",
  update_settings: "tenants:update",
  change_plan: "tenants:update",
  apply_template: "tenants:update",
};

/** Any of these lets a caller ask for some bulk operation (the route's first wall). */
export const BULK_PERMISSIONS: readonly PlatformPermission[] = [...new Set(Object.values(BULK_OPERATION_PERMISSIONS))];

export const BULK_OPERATION_LABELS: Record<BulkOperationName, string> = {
  activate: "Activate",
  deactivate: "Deactivate (suspend)",
  delete: "Schedule deletion",
  update_features: "Update features",
  update_settings: "Update settings",
  change_plan: "Change plan",
  apply_template: "Apply template",
};

/** Up to this many tenants, a dry run answers its preview in the response; above it, poll the operation. */
export const SYNC_DRY_RUN_MAX = 100;
export const MAX_BULK_TENANTS = 1000;
/** The preview's items: the first this many tenants, in selection order. */
export const PREVIEW_ITEMS = 50;

export const bulkFilterSchema = z
  .strictObject({
    status: z.enum(TENANT_STATUSES).optional(),
    plan: z.enum(PLANS).optional(),
    search: z.string().trim().max(200).optional(),
    health: z.enum(HEALTH_STATUSES).optional(),
  })
  .describe("The tenant list's own filters (GET /tenants): the operation takes every tenant the list would show with them");
export type BulkFilter = z.output<typeof bulkFilterSchema>;

const nonEmpty = <T extends z.ZodObject>(schema: T, what: string) => schema.refine((v) => Object.values(v).some((x) => x !== undefined), { message: `Name at least one ${what}` });

const settingsSchema = nonEmpty(
  z.strictObject({
    timezone: settingsFields.timezone.optional(),
    currency: settingsFields.currency.optional(),
    locale: settingsFields.locale.optional(),
    date_format: settingsFields.date_format.optional(),
    time_format: settingsFields.time_format.optional(),
    auto_enforce: settingsFields.auto_enforce.optional(),
  }),
  "setting",
);

/** Seed 002 lists features to turn on (`["api_access", "sso_integration"]`); an object sets each on or off. */
const featuresChangeSchema = z.union([
  z.array(z.enum(FEATURES)).min(1, "Name at least one feature").transform((names) => Object.fromEntries(names.map((n) => [n, true])) as Partial<Record<(typeof FEATURES)[number], boolean>>),
  nonEmpty(featuresSchema, "feature"),
]);

/** Each operation's `data`, one schema per operation (the body is a union on `operation`). */
export const BULK_DATA_SCHEMAS = {
  activate: z.strictObject({}).default({}),
  deactivate: z.strictObject({}).default({}),
  delete: z.strictObject({ grace_period_days: z.number().int("Must be a whole number").min(0).max(90).default(7) }).default({ grace_period_days: 7 }),
  update_features: z.strictObject({ features: featuresChangeSchema }),
  update_settings: z.strictObject({ settings: settingsSchema }),
  change_plan: z.strictObject({ plan: z.enum(PLANS) }),
  apply_template: z.strictObject({ template_id: z.string().trim().min(1, "Name a template").max(64), version: z.number().int().min(1).optional() }),
} satisfies Record<BulkOperationName, z.ZodType>;

export type BulkData<O extends BulkOperationName> = z.output<(typeof BULK_DATA_SCHEMAS)[O]>;

const tenantIdsSchema = z
  .array(z.string().trim().min(1).max(64))
  .min(1, "Name at least one tenant")
  .max(MAX_BULK_TENANTS, `At most ${MAX_BULK_TENANTS} tenants per operation`)
  .refine((ids) => new Set(ids).size === ids.length, { message: "Each tenant may be named once" });

const common = {
  tenant_ids: tenantIdsSchema.optional().describe(`The tenants, by id (1–${MAX_BULK_TENANTS}, each once); or send filter instead`),
  filter: bulkFilterSchema.optional(),
  reason: z.string().trim().min(1).max(500).optional().describe("Why; required for deactivate (recorded as the suspension reason)"),
  dry_run: z.boolean().default(false).describe(`What would change per tenant, changing nothing. Up to ${SYNC_DRY_RUN_MAX} tenants the answer carries the preview`),
};

const variant = <O extends BulkOperationName>(operation: O) =>
  z.strictObject({ operation: z.literal(operation), ...common, data: BULK_DATA_SCHEMAS[operation] as (typeof BULK_DATA_SCHEMAS)[O] });

export const bulkOperationRequestSchema = z
  .discriminatedUnion(
    "operation",
    [variant("activate"), variant("deactivate"), variant("delete"), variant("update_features"), variant("update_settings"), variant("change_plan"), variant("apply_template")],
    { error: `operation must be one of: ${BULK_OPERATIONS.join(", ")}` },
  )
  .superRefine((b, ctx) => {
    if ((b.tenant_ids === undefined) === (b.filter === undefined)) ctx.addIssue({ code: "custom", path: ["tenant_ids"], message: "Send exactly one of tenant_ids and filter" });
    if (b.operation === "deactivate" && !b.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "A reason is required to deactivate tenants" });
  });
export type BulkOperationRequest = z.output<typeof bulkOperationRequestSchema>;

export const BULK_STATUSES = ["queued", "running", "completed", "failed"] as const;
export const BULK_ITEM_STATUSES = ["pending", "running", "succeeded", "skipped", "failed"] as const;
export type BulkItemStatus = (typeof BULK_ITEM_STATUSES)[number];

export const bulkChangeSchema = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });
export type BulkChange = z.output<typeof bulkChangeSchema>;

export const bulkItemSchema = z.object({
  tenant_id: z.string(),
  tenant_name: z.string(),
  status: z.enum(BULK_ITEM_STATUSES),
  reason: z.string().nullable().describe("Why the tenant was skipped"),
  error: z.string().nullable().describe("Why the change failed for this tenant"),
  changes: z.array(bulkChangeSchema).describe("What changes (or, in a dry run, would change): before → after per field"),
  finished_at: z.iso.datetime().nullable(),
});
export type BulkItem = z.output<typeof bulkItemSchema>;

export const bulkCountsSchema = z.object({ total: z.number().int(), pending: z.number().int(), succeeded: z.number().int(), skipped: z.number().int(), failed: z.number().int() });

export const bulkPreviewSchema = z
  .object({
    would_change: z.number().int(),
    would_skip: z.number().int(),
    would_fail: z.number().int(),
    items: z.array(bulkItemSchema).describe(`The first ${PREVIEW_ITEMS} tenants`),
  })
  .describe(`A finished dry run: counts and the first ${PREVIEW_ITEMS} tenants with what would change`);

export const bulkOperationAcceptedSchema = z.object({
  operation_id: z.string(),
  status: z.enum(BULK_STATUSES),
  total: z.number().int(),
  dry_run: z.boolean(),
  retry_of: z.string().nullable(),
  links: z.object({ self: z.string() }),
  preview: bulkPreviewSchema.optional().describe(`Present for a dry run of at most ${SYNC_DRY_RUN_MAX} tenants, which runs before the answer`),
});

export const bulkOperationDetailSchema = z.object({
  operation_id: z.string(),
  operation: z.enum(BULK_OPERATIONS),
  status: z.enum(BULK_STATUSES),
  dry_run: z.boolean(),
  data: z.unknown(),
  reason: z.string().nullable(),
  tenant_ids: z.array(z.string()).nullable(),
  filter: bulkFilterSchema.nullable(),
  retry_of: z.string().nullable(),
  created_by: z.string(),
  created_at: z.iso.datetime(),
  started_at: z.iso.datetime().nullable(),
  finished_at: z.iso.datetime().nullable(),
  counts: bulkCountsSchema,
  progress_percent: z.number().int().min(0).max(100),
  items: z.array(bulkItemSchema),
  pagination: z.object({ page: z.number().int(), page_size: z.number().int(), total_count: z.number().int(), total_pages: z.number().int(), has_next: z.boolean(), has_prev: z.boolean() }),
});
export type BulkOperationDetail = z.output<typeof bulkOperationDetailSchema>;

export const bulkOperationQuerySchema = z.strictObject({
  status: z.enum(BULK_ITEM_STATUSES).optional().describe("Only the items in this status"),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(50),
});
export type BulkOperationQuery = z.output<typeof bulkOperationQuerySchema>;
export type BulkOperationAccepted = z.output<typeof bulkOperationAcceptedSchema>;
export type BulkPreview = z.output<typeof bulkPreviewSchema>;
