import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { withPlatformScope } from "@/lib/db/scope";
import { AppError } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import type { TenantMigrateInput, TenantMigrateResponse } from "@/lib/schemas/tenant-migrations";
import { backupBeforeMigrating } from "@/lib/tenant-migrations/backup-before";
import { migrateTenantItem } from "@/lib/tenant-migrations/migrate-tenant-item";
import { callerLabel } from "@/lib/tenant-migrations/caller-label";
import { insertRun, readRun } from "@/lib/tenant-migrations/migration-runs";

/** Tenants whose schema is being made or is about to be dropped are left alone. */
const NOT_MIGRATABLE = new Set(["provisioning", "pending_deletion"]);

/**
 * POST /tenants/{id}/migrate: one tenant, now, in the caller's request. The
 * attempt is recorded as a run of one (its id is the answer's migration_id)
 * so failures are kept and the fleet's rule "force to retry a failed
 * migration" holds here too.
 */
export async function migrateTenant(caller: Caller, tenantId: string, input: TenantMigrateInput, opts: { dir?: string } = {}): Promise<TenantMigrateResponse> {
  authorize(caller, "data:migrate");
  const tenant = await withPlatformScope((tx) => tx.tenant.findUnique({ where: { id: tenantId }, select: { id: true, slug: true, schemaName: true, status: true } }));
  if (!tenant) throw new AppError("tenant_not_found", "Tenant not found");
  if (NOT_MIGRATABLE.has(tenant.status)) throw new AppError("invalid_state", `The tenant is ${tenant.status}; its schema cannot be migrated now`, { status: tenant.status });

  const backup = input.backup_before && !input.dry_run ? await backupBeforeMigrating(caller, tenant.id) : null;
  const runId = newId("mig");
  const run = await withPlatformScope(async (tx) => {
    await insertRun(
      tx,
      { id: runId, tenant_id: tenant.id, kind: "single", state: "running", direction: input.direction, target_version: input.version ?? null, dry_run: input.dry_run, force: input.force, concurrency: 1, canary_count: 0, stop_after_failures: null, created_by: callerLabel(caller) },
      [tenant.id],
      "running",
    );
    return (await readRun(tx, runId))!;
  });
  const outcome = await migrateTenantItem(caller, run, tenant, { dir: opts.dir });
  await withPlatformScope((tx) => tx.$executeRaw`UPDATE tenant_migration_runs SET state = ${outcome.ok ? "succeeded" : "failed"}, finished_at = now() WHERE id = ${runId}`);

  if (!outcome.ok) {
    const e = outcome.error;
    const details = { reason: e.message, version: e.version, migration_id: runId, executed_migrations: e.steps, backup_created: backup !== null, backup_id: backup?.backup_id ?? null };
    // Refusals are the caller's to fix (restore the file, add down.sql, pass force): 409, not seed 000's 500.
    throw new AppError("migration_failed", e.message, details, undefined, e.kind === "refused" ? 409 : undefined);
  }
  const { result } = outcome;
  return {
    migration_id: runId,
    tenant_id: tenant.id,
    direction: input.direction,
    dry_run: input.dry_run,
    executed_migrations: result.steps.map((s) => ({ ...s, error: s.error ?? null })),
    total_execution_time_ms: result.steps.reduce((sum, s) => sum + s.execution_time_ms, 0),
    schema_version: result.schemaVersion,
    backup_created: backup !== null,
    backup_id: backup?.backup_id ?? null,
    ...(input.dry_run ? { statements: result.planned } : {}),
  };
}
