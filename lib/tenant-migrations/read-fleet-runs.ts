import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { withPlatformScope } from "@/lib/db/scope";
import { AppError } from "@/lib/http/errors";
import type { FleetItemState, FleetRun, FleetRunDetail } from "@/lib/schemas/tenant-migrations";
import { countItems, readItems, readRun, type MigrationRunRow, type RunCounts } from "@/lib/tenant-migrations/migration-runs";

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const EMPTY: RunCounts = { total: 0, pending: 0, running: 0, succeeded: 0, failed: 0, skipped: 0, mean_ms: null };

/**
 * The ETA assumes the tenants left take as long as the finished ones did on
 * average, `concurrency` at a time; null until one has finished.
 */
export function etaSeconds(counts: RunCounts, concurrency: number, finished: boolean): number | null {
  if (finished) return 0;
  if (counts.mean_ms === null) return null;
  return Math.ceil((counts.mean_ms * (counts.pending + counts.running)) / Math.max(1, concurrency) / 1000);
}

export function serializeRun(run: MigrationRunRow, counts: RunCounts = EMPTY): FleetRun {
  const finished = run.finished_at !== null;
  const { mean_ms: _mean, ...publicCounts } = counts;
  void _mean;
  return {
    run_id: run.id,
    state: run.state,
    direction: run.direction,
    version: run.target_version,
    dry_run: run.dry_run,
    force: run.force,
    concurrency: run.concurrency,
    canary_count: run.canary_count,
    stop_after_failures: run.stop_after_failures,
    stop_reason: run.stop_reason,
    counts: publicCounts,
    percentage: counts.total === 0 ? 100 : Math.round(((counts.succeeded + counts.failed + counts.skipped) / counts.total) * 1000) / 10,
    eta_seconds: etaSeconds(counts, run.concurrency, finished),
    created_by: run.created_by,
    created_at: run.created_at.toISOString(),
    started_at: iso(run.started_at),
    finished_at: iso(run.finished_at),
  };
}

/** GET /tenants/migrate/{run_id}. */
export async function getFleetMigration(caller: Caller, runId: string, opts: { item_state?: FleetItemState; include_items?: boolean } = {}): Promise<FleetRunDetail> {
  authorize(caller, "data:migrate");
  return withPlatformScope(async (tx) => {
    const run = await readRun(tx, runId);
    if (!run || run.kind !== "fleet") throw new AppError("not_found", "No fleet migration run with this id");
    const counts = (await countItems(tx, [run.id])).get(run.id);
    const items = opts.include_items === false ? [] : await readItems(tx, run.id, opts.item_state);
    return {
      ...serializeRun(run, counts),
      items: items.map((i) => ({
        tenant_id: i.tenant_id,
        tenant_name: i.tenant_name,
        schema_name: i.schema_name ?? "",
        state: i.state,
        canary: i.canary,
        attempts: i.attempts,
        started_at: iso(i.started_at),
        finished_at: iso(i.finished_at),
        duration_ms: i.duration_ms,
        migrations: i.migrations,
        error: i.error,
      })),
    };
  });
}

/** GET /tenants/migrate: the most recent fleet runs, newest first. */
export async function listFleetMigrations(caller: Caller, opts: { limit: number }): Promise<{ runs: FleetRun[] }> {
  authorize(caller, "data:migrate");
  return withPlatformScope(async (tx) => {
    const runs = await tx.$queryRaw<MigrationRunRow[]>`SELECT * FROM tenant_migration_runs WHERE kind = 'fleet' ORDER BY created_at DESC, id LIMIT ${opts.limit}`;
    const counts = await countItems(tx, runs.map((r) => r.id));
    return { runs: runs.map((r) => serializeRun(r, counts.get(r.id))) };
  });
}
