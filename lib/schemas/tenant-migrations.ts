import { z } from "zod";
import { PLANS } from "@/lib/tenants/plans";

// POST /api/v1/tenants/{id}/migrate (seed 000 "Migrate Tenant Schema") and the
// fleet runs of POST/GET /api/v1/tenants/migrate. Seed 000 names the list of
// migrations run `executed_migrations`; dry runs add `statements`.

export const MIGRATION_DIRECTIONS = ["up", "down"] as const;
export type MigrationDirection = (typeof MIGRATION_DIRECTIONS)[number];

const versionSchema = z
  .string()
  .regex(/^\d{14}$/, { error: "Must be a 14-digit migration version (YYYYMMDDhhmmss)" })
  .describe("A tenant migration version (the timestamp prefix of its folder in prisma/tenant-migrations)");

const directionSchema = z.enum(MIGRATION_DIRECTIONS, { error: "Must be up or down" });

export const tenantMigrateSchema = z
  .strictObject({
    direction: directionSchema.default("up"),
    version: versionSchema
      .optional()
      .describe("up: apply pending migrations up to and including this version (default: all). down: revert every applied migration newer than this version (required for down)"),
    dry_run: z.boolean().default(false).describe("Answer the statements that would run; run nothing"),
    force: z.boolean().default(false).describe("Apply a migration whose file changed since it was applied (checksum mismatch) or whose last attempt failed"),
    backup_before: z.boolean().default(false).describe("Take a schema backup first (POST …/backup) and report it in backup_created"),
  })
  .superRefine((v, ctx) => {
    if (v.direction === "down" && v.version === undefined) ctx.addIssue({ code: "custom", path: ["version"], message: "Required for direction down: the version to go back to" });
  });
export type TenantMigrateInput = z.output<typeof tenantMigrateSchema>;

export const MIGRATION_STEP_STATUSES = ["success", "failed", "planned"] as const;

export const executedMigrationSchema = z.object({
  version: z.string(),
  name: z.string(),
  direction: directionSchema,
  execution_time_ms: z.number().int(),
  status: z.enum(MIGRATION_STEP_STATUSES).describe("planned: a dry run's step, not run"),
  error: z.string().nullable().optional(),
});

export const plannedStatementSchema = z.object({
  version: z.string(),
  name: z.string(),
  direction: directionSchema,
  checksum: z.string().describe("sha256 of the file, hex"),
  sql: z.string(),
});

export const tenantMigrateResponseSchema = z.object({
  migration_id: z.string().describe("The attempt's id (recorded in the tenant's migration history)"),
  tenant_id: z.string(),
  direction: directionSchema,
  dry_run: z.boolean(),
  executed_migrations: z.array(executedMigrationSchema),
  total_execution_time_ms: z.number().int(),
  schema_version: z.string().nullable().describe("The newest applied version after the call; null when none is applied"),
  backup_created: z.boolean(),
  backup_id: z.string().nullable(),
  statements: z.array(plannedStatementSchema).optional().describe("Dry runs only: what would run, in order"),
});
export type TenantMigrateResponse = z.output<typeof tenantMigrateResponseSchema>;

export const appliedTenantMigrationSchema = z.object({
  version: z.string(),
  name: z.string(),
  checksum: z.string(),
  applied_at: z.string(),
  execution_time_ms: z.number().int(),
});
export type AppliedTenantMigrationRow = z.output<typeof appliedTenantMigrationSchema>;

// Fleet runs.

export const FLEET_RUN_STATES = ["queued", "running", "succeeded", "failed", "stopped"] as const;
export type FleetRunState = (typeof FLEET_RUN_STATES)[number];
export const FLEET_ITEM_STATES = ["pending", "running", "succeeded", "failed", "skipped"] as const;
export type FleetItemState = (typeof FLEET_ITEM_STATES)[number];
export const MAX_FLEET_CONCURRENCY = 16;

export const fleetMigrateSchema = z
  .strictObject({
    tenant_ids: z
      .array(z.string().min(1).max(64))
      .min(1, { error: "Name at least one tenant, or leave tenant_ids out for every active tenant" })
      .max(10_000)
      .optional()
      .describe("These tenants (each must exist and be active); default: every active tenant"),
    plan: z.enum(PLANS, { error: `Must be one of ${PLANS.join(", ")}` }).optional().describe("Every active tenant on this plan"),
    direction: directionSchema.default("up"),
    version: versionSchema.optional().describe("As for one tenant; required for down"),
    dry_run: z.boolean().default(false).describe("Work out each tenant's pending migrations without running them"),
    force: z.boolean().default(false).describe("As for one tenant, on every tenant of the run: apply migrations whose file changed since they were applied, and re-run those whose last attempt failed"),
    concurrency: z.number().int().min(1).max(MAX_FLEET_CONCURRENCY).default(4).describe("Tenants migrated in parallel (each in its own transactions)"),
    stop_after_failures: z.number().int().min(1).optional().describe("Stop the run (the rest skipped) once this many tenants have failed; default: never stop"),
    canary_count: z.number().int().min(0).max(1000).default(0).describe("Migrate this many tenants first, alone; if any fails the run stops and the rest are skipped"),
  })
  .superRefine((v, ctx) => {
    if (v.tenant_ids !== undefined && v.plan !== undefined) ctx.addIssue({ code: "custom", path: ["plan"], message: "Give tenant_ids or plan, not both" });
    if (v.direction === "down" && v.version === undefined) ctx.addIssue({ code: "custom", path: ["version"], message: "Required for direction down: the version to go back to" });
    if (v.tenant_ids && new Set(v.tenant_ids).size !== v.tenant_ids.length) ctx.addIssue({ code: "custom", path: ["tenant_ids"], message: "Names a tenant twice" });
  });
export type FleetMigrateInput = z.output<typeof fleetMigrateSchema>;

export const fleetRunCountsSchema = z.object({
  total: z.number().int(),
  pending: z.number().int(),
  running: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
});

export const fleetRunItemSchema = z.object({
  tenant_id: z.string(),
  tenant_name: z.string().nullable(),
  schema_name: z.string(),
  state: z.enum(FLEET_ITEM_STATES),
  canary: z.boolean(),
  attempts: z.number().int(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
  duration_ms: z.number().int().nullable(),
  migrations: z.array(z.string()).describe("Versions run (or, in a dry run, that would run)"),
  error: z.string().nullable(),
});

export const fleetRunSchema = z.object({
  run_id: z.string(),
  state: z.enum(FLEET_RUN_STATES),
  direction: directionSchema,
  version: z.string().nullable(),
  dry_run: z.boolean(),
  force: z.boolean(),
  concurrency: z.number().int(),
  canary_count: z.number().int(),
  stop_after_failures: z.number().int().nullable(),
  stop_reason: z.string().nullable().describe("Why a stopped run stopped"),
  counts: fleetRunCountsSchema,
  percentage: z.number().describe("Finished items (succeeded, failed, skipped) ÷ total × 100"),
  eta_seconds: z.number().int().nullable().describe("Pending and running items × the mean duration of finished ones ÷ concurrency; null before any finished"),
  created_by: z.string().nullable(),
  created_at: z.string(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
});
export type FleetRun = z.output<typeof fleetRunSchema>;

export const fleetRunDetailSchema = fleetRunSchema.extend({ items: z.array(fleetRunItemSchema).describe("One per tenant, in processing order (canaries first)") });
export type FleetRunDetail = z.output<typeof fleetRunDetailSchema>;
export type FleetRunItem = z.output<typeof fleetRunItemSchema>;

const booleanParam = z.enum(["true", "false"], { error: "Must be true or false" }).transform((v) => v === "true");

export const fleetRunQuerySchema = z.strictObject({
  item_state: z.enum(FLEET_ITEM_STATES, { error: `Must be one of ${FLEET_ITEM_STATES.join(", ")}` }).optional().describe("Only the items in this state"),
  include_items: booleanParam.default(true),
});

export const fleetRunListQuerySchema = z.strictObject({
  limit: z.coerce.number({ error: "Must be a number" }).int().min(1).max(100).default(20),
});

export const fleetRunListSchema = z.object({ runs: z.array(fleetRunSchema) });
