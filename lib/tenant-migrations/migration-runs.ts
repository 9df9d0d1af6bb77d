import type { Tx } from "@/lib/db/prisma";
import type { FleetItemState, FleetRunState, MigrationDirection } from "@/lib/schemas/tenant-migrations";

// The control-plane record of migration runs (migration 20261207030000_tenant_migration_runs).
// Every function takes a platform-scope transaction.

export type MigrationRunRow = {
  id: string;
  tenant_id: string | null;
  kind: "single" | "fleet";
  state: FleetRunState;
  direction: MigrationDirection;
  target_version: string | null;
  dry_run: boolean;
  force: boolean;
  concurrency: number;
  canary_count: number;
  stop_after_failures: number | null;
  stop_reason: string | null;
  created_by: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
};

export type MigrationItemRow = {
  run_id: string;
  tenant_id: string;
  position: number;
  canary: boolean;
  state: FleetItemState;
  attempts: number;
  lease_until: Date | null;
  started_at: Date | null;
  finished_at: Date | null;
  duration_ms: number | null;
  migrations: string[];
  failed_version: string | null;
  error: string | null;
};

export type NewRun = Pick<MigrationRunRow, "id" | "tenant_id" | "kind" | "state" | "direction" | "target_version" | "dry_run" | "force" | "concurrency" | "canary_count" | "stop_after_failures" | "created_by">;

/** Records a run and one item per tenant, in processing order; the first `canary_count` items are the canaries. */
export async function insertRun(tx: Tx, run: NewRun, tenantIds: string[], itemState: FleetItemState = "pending"): Promise<void> {
  await tx.$executeRaw`INSERT INTO tenant_migration_runs (id, tenant_id, kind, state, direction, target_version, dry_run, force, concurrency, canary_count, stop_after_failures, created_by, started_at)
    VALUES (${run.id}, ${run.tenant_id}, ${run.kind}, ${run.state}, ${run.direction}, ${run.target_version}, ${run.dry_run}, ${run.force}, ${run.concurrency}, ${run.canary_count}, ${run.stop_after_failures}, ${run.created_by},
            CASE WHEN ${run.state} = 'running' THEN now() END)`;
  await tx.$executeRaw`INSERT INTO tenant_migration_run_items (run_id, tenant_id, position, canary, state, attempts, started_at, lease_until)
    SELECT ${run.id}, u.t, (u.ord - 1)::int, u.ord <= ${run.canary_count}, ${itemState}, CASE WHEN ${itemState} = 'running' THEN 1 ELSE 0 END,
           CASE WHEN ${itemState} = 'running' THEN now() END, NULL
      FROM unnest(${tenantIds}::text[]) WITH ORDINALITY AS u(t, ord)`;
}

export type ItemOutcome = { state: "succeeded" | "failed" | "skipped"; durationMs: number; migrations: string[]; failedVersion: string | null; error: string | null };

export async function finishItem(tx: Tx, runId: string, tenantId: string, o: ItemOutcome): Promise<void> {
  await tx.$executeRaw`UPDATE tenant_migration_run_items
     SET state = ${o.state}, finished_at = now(), lease_until = NULL, duration_ms = ${o.durationMs}, migrations = ${o.migrations}::text[],
         failed_version = ${o.failedVersion}, error = ${o.error}
   WHERE run_id = ${runId} AND tenant_id = ${tenantId}`;
}

/**
 * The versions whose most recent real (not dry-run) attempt on this tenant
 * failed: `force` is needed to run them again. A later success clears it.
 */
export async function lastFailedVersions(tx: Tx, tenantId: string, exceptRunId: string): Promise<Set<string>> {
  const rows = await tx.$queryRaw<{ state: string; failed_version: string | null }[]>`
    SELECT i.state, i.failed_version FROM tenant_migration_run_items i JOIN tenant_migration_runs r ON r.id = i.run_id
     WHERE i.tenant_id = ${tenantId} AND i.run_id <> ${exceptRunId} AND NOT r.dry_run AND i.state IN ('succeeded', 'failed')
     ORDER BY i.finished_at DESC LIMIT 1`;
  const last = rows[0];
  return new Set(last?.state === "failed" && last.failed_version ? [last.failed_version] : []);
}

export async function readRun(tx: Tx, runId: string): Promise<MigrationRunRow | null> {
  const rows = await tx.$queryRaw<MigrationRunRow[]>`SELECT * FROM tenant_migration_runs WHERE id = ${runId}`;
  return rows[0] ?? null;
}

export type ItemWithTenant = MigrationItemRow & { tenant_name: string | null; schema_name: string | null };

export async function readItems(tx: Tx, runId: string, state?: FleetItemState): Promise<ItemWithTenant[]> {
  return tx.$queryRaw<ItemWithTenant[]>`
    SELECT i.*, t.name AS tenant_name, t.schema_name FROM tenant_migration_run_items i LEFT JOIN tenants t ON t.id = i.tenant_id
     WHERE i.run_id = ${runId} AND (${state ?? null}::text IS NULL OR i.state = ${state ?? null})
     ORDER BY i.position`;
}

export type RunCounts = { total: number; pending: number; running: number; succeeded: number; failed: number; skipped: number; mean_ms: number | null };

export async function countItems(tx: Tx, runIds: string[]): Promise<Map<string, RunCounts>> {
  const rows = await tx.$queryRaw<(RunCounts & { run_id: string })[]>`
    SELECT run_id, count(*)::int AS total,
           count(*) FILTER (WHERE state = 'pending')::int AS pending, count(*) FILTER (WHERE state = 'running')::int AS running,
           count(*) FILTER (WHERE state = 'succeeded')::int AS succeeded, count(*) FILTER (WHERE state = 'failed')::int AS failed,
           count(*) FILTER (WHERE state = 'skipped')::int AS skipped,
           avg(duration_ms) FILTER (WHERE state IN ('succeeded', 'failed'))::float8 AS mean_ms
      FROM tenant_migration_run_items WHERE run_id = ANY(${runIds}::text[]) GROUP BY run_id`;
  return new Map(rows.map((r) => [r.run_id, r]));
}
