import { defineRoute } from "@/lib/api-contracts/define-route";
import {
  fleetMigrateSchema,
  fleetRunDetailSchema,
  fleetRunListQuerySchema,
  fleetRunListSchema,
  fleetRunQuerySchema,
  tenantMigrateResponseSchema,
  tenantMigrateSchema,
} from "@/lib/schemas/tenant-migrations";

const TAG = "Schema operations";

export const migrateTenantSchema = defineRoute({
  method: "POST",
  path: "/api/v1/tenants/{id}/migrate",
  tag: TAG,
  summary: "Run the tenant migrations on one tenant's schema (up or down, to a version, dry run)",
  description:
    "Applies the pending tenant migrations (prisma/tenant-migrations) in version order, each in its own transaction under an advisory lock on the tenant, and records each in the schema's schema_migrations. " +
    "`direction: down` runs the down.sql of every applied migration newer than `version`, newest first; a migration without down.sql is refused before anything runs. " +
    "A migration whose file changed since it was applied (sha256 checksum) is refused with 409 migration_failed naming it, unless `force` (which also re-runs one whose last attempt failed). " +
    "`dry_run` answers the statements that would run and runs nothing. `backup_before` takes a schema backup first. A migration that fails rolls back and answers 500 migration_failed with PostgreSQL's message; the ones before it stay applied. " +
    "Every attempt is recorded and published as schema.migration.started / completed / failed. Platform staff with data:migrate.",
  access: { tenant: "data:write", platform: "data:migrate", tenantSide: "none" },
  rateLimit: "schema_operations",
  body: tenantMigrateSchema,
  bodyOptional: true,
  headers: ["idempotency-key"],
  responses: { 200: { description: "What ran (or would run)", data: tenantMigrateResponseSchema } },
  errors: [400, 401, 403, 404, 409, 429, 500],
});

export const startFleetMigration = defineRoute({
  method: "POST",
  path: "/api/v1/tenants/migrate",
  tag: TAG,
  summary: "Migrate many tenants: every active tenant, a plan's, or a list, with bounded concurrency",
  description:
    "Records a run with one item per tenant and answers 202; a job migrates `concurrency` tenants at a time, each as POST …/{id}/migrate would (its own transactions, rolled back on failure). " +
    "A failing tenant is reported and the others go on, until `stop_after_failures` tenants have failed (the rest are skipped). With `canary_count`, that many tenants run first; if any fails the run stops. " +
    "A run survives a restart: items are claimed with FOR UPDATE SKIP LOCKED and an item left running by a dead worker is taken again. Follow it with GET /tenants/migrate/{run_id}. Platform staff with data:migrate.",
  access: { platform: "data:migrate" },
  rateLimit: "schema_operations",
  body: fleetMigrateSchema,
  bodyOptional: true,
  headers: ["idempotency-key"],
  responses: { 202: { description: "The run, queued", data: fleetRunDetailSchema } },
  errors: [400, 401, 403, 404, 429],
});

export const getFleetMigration = defineRoute({
  method: "GET",
  path: "/api/v1/tenants/migrate/{run_id}",
  tag: TAG,
  summary: "A fleet migration run's progress: state, counts, ETA and per-tenant results",
  description: "Platform staff with data:migrate.",
  access: { platform: "data:migrate" },
  rateLimit: "tenant_queries",
  query: fleetRunQuerySchema,
  responses: { 200: { description: "The run", data: fleetRunDetailSchema } },
  errors: [400, 401, 403, 404, 429],
});

export const listFleetMigrations = defineRoute({
  method: "GET",
  path: "/api/v1/tenants/migrate",
  tag: TAG,
  summary: "Recent fleet migration runs, newest first",
  description: "Platform staff with data:migrate.",
  access: { platform: "data:migrate" },
  rateLimit: "tenant_queries",
  query: fleetRunListQuerySchema,
  responses: { 200: { description: "Runs", data: fleetRunListSchema } },
  errors: [400, 401, 403, 429],
});
