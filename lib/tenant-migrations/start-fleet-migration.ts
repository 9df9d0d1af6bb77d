import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { withPlatformScope } from "@/lib/db/scope";
import { publishEvent } from "@/lib/events/publish-event";
import { AppError, type ErrorDetail } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import type { FleetMigrateInput, FleetRunDetail } from "@/lib/schemas/tenant-migrations";
import { callerLabel } from "@/lib/tenant-migrations/caller-label";
import { enqueueFleetRun } from "@/lib/tenant-migrations/fleet-queue";
import { insertRun } from "@/lib/tenant-migrations/migration-runs";
import { getFleetMigration } from "@/lib/tenant-migrations/read-fleet-runs";

/**
 * POST /tenants/migrate: records a fleet run (one item per tenant, canaries
 * first) and wakes the job that works it. Only active tenants are migrated;
 * naming another is a 400 for that entry, and nothing is recorded.
 */
export async function startFleetMigration(caller: Caller, input: FleetMigrateInput): Promise<FleetRunDetail> {
  authorize(caller, "data:migrate");
  const runId = newId("mig");
  await withPlatformScope(async (tx) => {
    let tenantIds: string[];
    if (input.tenant_ids) {
      const found = new Map(
        (await tx.tenant.findMany({ where: { id: { in: input.tenant_ids } }, select: { id: true, status: true } })).map((t) => [t.id, t.status]),
      );
      const bad: ErrorDetail[] = input.tenant_ids.flatMap((id, i) => {
        const status = found.get(id);
        if (status === undefined) return [{ path: `tenant_ids.${i}`, message: `No tenant ${id}` }];
        if (status !== "active") return [{ path: `tenant_ids.${i}`, message: `Tenant ${id} is ${status}; only active tenants are migrated` }];
        return [];
      });
      if (bad.length > 0) throw new AppError("invalid_request", bad.map((b) => b.message).join("; "), bad);
      tenantIds = input.tenant_ids;
    } else {
      tenantIds = (
        await tx.tenant.findMany({ where: { status: "active", ...(input.plan ? { plan: input.plan } : {}) }, select: { id: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] })
      ).map((t) => t.id);
      if (tenantIds.length === 0) throw new AppError("invalid_request", input.plan ? `No active tenant is on the ${input.plan} plan` : "There is no active tenant to migrate", [{ path: input.plan ? "plan" : "tenant_ids", message: "Matches no active tenant" }]);
    }
    if (input.canary_count >= tenantIds.length && input.canary_count > 0) {
      throw new AppError("invalid_request", `canary_count must be below the number of tenants in the run (${tenantIds.length})`, [{ path: "canary_count", message: `Must be below ${tenantIds.length}` }]);
    }
    await insertRun(
      tx,
      {
        id: runId,
        tenant_id: null,
        kind: "fleet",
        state: "queued",
        direction: input.direction,
        target_version: input.version ?? null,
        dry_run: input.dry_run,
        force: input.force,
        concurrency: input.concurrency,
        canary_count: input.canary_count,
        stop_after_failures: input.stop_after_failures ?? null,
        created_by: callerLabel(caller),
      },
      tenantIds,
    );
    await publishEvent(tx, caller, {
      tenantId: null,
      action: "schema.fleet_migration_started",
      targetType: "migration",
      targetId: runId,
      targetLabel: `${tenantIds.length} tenant(s)`,
      after: { tenants: tenantIds.length, direction: input.direction, version: input.version ?? null, dry_run: input.dry_run, force: input.force, concurrency: input.concurrency, canary_count: input.canary_count, stop_after_failures: input.stop_after_failures ?? null },
    });
  });
  await enqueueFleetRun(runId);
  return getFleetMigration(caller, runId, { include_items: true });
}
