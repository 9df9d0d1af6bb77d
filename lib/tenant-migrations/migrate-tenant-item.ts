import type { Caller } from "@/lib/auth/caller";
import type { Tx } from "@/lib/db/prisma";
import { withPlatformScope } from "@/lib/db/scope";
import { publishEvent } from "@/lib/events/publish-event";
import type { TenantMigrationFile } from "@/lib/tenant-migrations/migration-files";
import { finishItem, lastFailedVersions, type MigrationRunRow } from "@/lib/tenant-migrations/migration-runs";
import { runTenantMigrations, type RunTenantMigrationsResult } from "@/lib/tenant-migrations/run-tenant-migrations";
import { TenantMigrationError } from "@/lib/tenant-migrations/tenant-migration-error";

export type ItemTenant = { id: string; slug: string; schemaName: string };
export type ItemResult = { ok: true; result: RunTenantMigrationsResult; durationMs: number } | { ok: false; error: TenantMigrationError; durationMs: number };

const eventBase = (run: MigrationRunRow, tenant: ItemTenant) => ({
  tenantId: tenant.id,
  targetType: "migration",
  targetId: run.id,
  targetLabel: tenant.slug,
});

/** The start of a tenant's turn, in the caller's transaction: schema.migration.started, and which versions need force. */
export async function beginTenantItem(tx: Tx, caller: Caller, run: MigrationRunRow, tenant: ItemTenant): Promise<Set<string>> {
  if (!run.dry_run) {
    await publishEvent(tx, caller, { ...eventBase(run, tenant), action: "schema.migration.started", after: { run_id: run.kind === "fleet" ? run.id : null, direction: run.direction, version: run.target_version, force: run.force } });
  }
  return lastFailedVersions(tx, tenant.id, run.id);
}

export type ItemOptions = {
  dir?: string;
  files?: TenantMigrationFile[];
  /** What beginTenantItem returned, when the caller ran it in its own transaction (the fleet's claim). */
  failedBefore?: Set<string>;
};

/**
 * Migrates one tenant as part of a run (a single POST …/migrate is a run of
 * one): publishes schema.migration.started, runs the steps, then in one
 * transaction records the item's outcome and publishes completed or failed.
 * Dry runs record the plan and publish nothing. A failure is returned, not
 * thrown, so a fleet goes on with the next tenant.
 */
export async function migrateTenantItem(caller: Caller, run: MigrationRunRow, tenant: ItemTenant, opts: ItemOptions = {}): Promise<ItemResult> {
  const started = performance.now();
  const failedBefore = opts.failedBefore ?? (await withPlatformScope((tx) => beginTenantItem(tx, caller, run, tenant)));
  let outcome: ItemResult;
  try {
    const result = await runTenantMigrations(tenant.schemaName, {
      direction: run.direction,
      version: run.target_version ?? undefined,
      dryRun: run.dry_run,
      force: run.force,
      failedBefore,
      dir: opts.dir,
      files: opts.files,
    });
    outcome = { ok: true, result, durationMs: Math.round(performance.now() - started) };
  } catch (err) {
    const error = err instanceof TenantMigrationError ? err : new TenantMigrationError((err as Error).message, "failed", null, []);
    outcome = { ok: false, error, durationMs: Math.round(performance.now() - started) };
  }
  await withPlatformScope(async (tx) => {
    if (outcome.ok) {
      const versions = (run.dry_run ? outcome.result.planned : outcome.result.steps).map((s) => s.version);
      await finishItem(tx, run.id, tenant.id, { state: "succeeded", durationMs: outcome.durationMs, migrations: versions, failedVersion: null, error: null });
      if (!run.dry_run) {
        await publishEvent(tx, caller, {
          ...eventBase(run, tenant),
          action: "schema.migration.completed",
          after: { run_id: run.kind === "fleet" ? run.id : null, direction: run.direction, migrations: versions, schema_version: outcome.result.schemaVersion, duration_ms: outcome.durationMs },
        });
      }
    } else {
      const e = outcome.error;
      const ran = e.steps.filter((s) => s.status === "success").map((s) => s.version);
      // A refusal ran nothing, so it marks no version as failed (force is for what really failed).
      await finishItem(tx, run.id, tenant.id, { state: "failed", durationMs: outcome.durationMs, migrations: ran, failedVersion: e.kind === "failed" ? e.version : null, error: e.message });
      if (!run.dry_run) {
        await publishEvent(tx, caller, {
          ...eventBase(run, tenant),
          action: "schema.migration.failed",
          after: { run_id: run.kind === "fleet" ? run.id : null, direction: run.direction, version: e.version, refused: e.kind === "refused", migrations: ran, error: e.message.slice(0, 2000) },
        });
      }
    }
  });
  return outcome;
}
