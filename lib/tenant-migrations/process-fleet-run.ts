import { setTimeout as sleep } from "node:timers/promises";
import { systemCaller } from "@/lib/auth/caller";
import type { Tx } from "@/lib/db/prisma";
import { withPlatformScope } from "@/lib/db/scope";
import { readTenantMigrationFiles, TENANT_MIGRATIONS_DIR } from "@/lib/tenant-migrations/migration-files";
import { migrateTenantItem, type ItemTenant } from "@/lib/tenant-migrations/migrate-tenant-item";
import { finishItem, readRun, type MigrationRunRow } from "@/lib/tenant-migrations/migration-runs";
import { isDraining } from "@/lib/server/draining";

export type ProcessFleetOptions = {
  /** Tenant migrations folder (tests use their own). */
  dir?: string;
  /** How long a claimed item stays the claimer's without a heartbeat; after it, another worker may take it. */
  leaseMs?: number;
  /** How often a worker waiting on the canaries looks again. */
  pollMs?: number;
};

const DEFAULT_LEASE_MS = 60_000;
const DEFAULT_POLL_MS = 200;
const NOT_MIGRATABLE = new Set(["provisioning", "pending_deletion"]);

type Claim = { kind: "item"; tenant: ItemTenant & { status: string } } | { kind: "wait" } | { kind: "done" };
type ItemCounts = { live: number; claimable: number; canaries_open: number; canaries_failed: number; failed: number };

/** Ends the run early: what has not started is skipped; items still running finish and are recorded. */
async function stopRun(tx: Tx, runId: string, reason: string): Promise<void> {
  await tx.$executeRaw`UPDATE tenant_migration_run_items SET state = 'skipped', lease_until = NULL, error = ${`Skipped: ${reason}`}
     WHERE run_id = ${runId} AND (state = 'pending' OR (state = 'running' AND lease_until <= now()))`;
  await tx.$executeRaw`UPDATE tenant_migration_runs SET state = 'stopped', stop_reason = ${reason}, finished_at = now() WHERE id = ${runId}`;
}

/**
 * Takes the run's next item, or says to wait (the canaries are not done, or
 * `concurrency` items are already running, possibly in another process) or
 * that nothing is left for this worker. The run row is locked FOR UPDATE for
 * the decision, so workers in several processes never exceed `concurrency`
 * together; the item itself is taken FOR UPDATE SKIP LOCKED, and an item
 * whose lease ran out (its worker died) is claimable again.
 */
async function claimNext(runId: string, leaseMs: number): Promise<Claim> {
  return withPlatformScope(async (tx) => {
    const [run] = await tx.$queryRaw<MigrationRunRow[]>`SELECT * FROM tenant_migration_runs WHERE id = ${runId} FOR UPDATE`;
    if (!run || (run.state !== "queued" && run.state !== "running")) return { kind: "done" };
    const [c] = await tx.$queryRaw<ItemCounts[]>`
      SELECT count(*) FILTER (WHERE state = 'running' AND lease_until > now())::int AS live,
             count(*) FILTER (WHERE state = 'pending' OR (state = 'running' AND (lease_until IS NULL OR lease_until <= now())))::int AS claimable,
             count(*) FILTER (WHERE canary AND state <> 'succeeded')::int AS canaries_open,
             count(*) FILTER (WHERE canary AND state = 'failed')::int AS canaries_failed,
             count(*) FILTER (WHERE state = 'failed')::int AS failed
        FROM tenant_migration_run_items WHERE run_id = ${runId}`;
    if (c.canaries_failed > 0) {
      await stopRun(tx, runId, `${c.canaries_failed} of the ${run.canary_count} canary tenant(s) failed`);
      return { kind: "done" };
    }
    if (run.stop_after_failures !== null && c.failed >= run.stop_after_failures) {
      await stopRun(tx, runId, `${c.failed} tenant(s) failed (stop_after_failures ${run.stop_after_failures})`);
      return { kind: "done" };
    }
    if (c.claimable === 0) {
      if (c.live === 0) {
        await tx.$executeRaw`UPDATE tenant_migration_runs SET state = ${c.failed > 0 ? "failed" : "succeeded"}, finished_at = now(), started_at = coalesce(started_at, now()) WHERE id = ${runId}`;
      }
      return { kind: "done" };
    }
    if (c.live >= run.concurrency) return { kind: "wait" };
    const canariesDone = c.canaries_open === 0;
    const [item] = await tx.$queryRaw<{ tenant_id: string; slug: string; schema_name: string; status: string }[]>`
      SELECT i.tenant_id, t.slug, t.schema_name, t.status FROM tenant_migration_run_items i JOIN tenants t ON t.id = i.tenant_id
       WHERE i.run_id = ${runId} AND (i.state = 'pending' OR (i.state = 'running' AND (i.lease_until IS NULL OR i.lease_until <= now())))
         AND (i.canary OR ${canariesDone})
       ORDER BY i.position LIMIT 1 FOR UPDATE OF i SKIP LOCKED`;
    if (!item) return { kind: "wait" };
    // clock_timestamp(): the claim's moment, not its transaction's start (which may predate waiting for the run's lock).
    await tx.$executeRaw`UPDATE tenant_migration_run_items
       SET state = 'running', attempts = attempts + 1, started_at = clock_timestamp(), finished_at = NULL, error = NULL,
           lease_until = clock_timestamp() + make_interval(secs => ${leaseMs / 1000})
     WHERE run_id = ${runId} AND tenant_id = ${item.tenant_id}`;
    if (run.state === "queued") await tx.$executeRaw`UPDATE tenant_migration_runs SET state = 'running', started_at = coalesce(started_at, now()) WHERE id = ${runId}`;
    // schema.migration.started goes in the worker's next transaction, not here: the run row's lock serialises claims, so this one stays short.
    return { kind: "item", tenant: { id: item.tenant_id, slug: item.slug, schemaName: item.schema_name, status: item.status } };
  });
}

const renewLease = (runId: string, tenantId: string, leaseMs: number) =>
  withPlatformScope(
    (tx) => tx.$executeRaw`UPDATE tenant_migration_run_items SET lease_until = now() + make_interval(secs => ${leaseMs / 1000})
       WHERE run_id = ${runId} AND tenant_id = ${tenantId} AND state = 'running'`,
  );

/**
 * Works one fleet run until nothing is left for this process: `concurrency`
 * workers, each claiming the next tenant and migrating it in its own
 * transactions (migrateTenantItem: a failure is recorded and the worker goes
 * on). Safe to run again, or in several processes at once, on the same run:
 * that is how a run resumes after a crash.
 */
export async function processFleetRun(runId: string, opts: ProcessFleetOptions = {}): Promise<void> {
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const pollMs = opts.pollMs ?? DEFAULT_POLL_MS;
  const run = await withPlatformScope((tx) => readRun(tx, runId));
  if (!run || run.kind !== "fleet" || run.finished_at !== null) return;
  const caller = systemCaller(`fleet migration ${run.id} (started by ${run.created_by ?? "unknown"})`);
  const files = await readTenantMigrationFiles(opts.dir ?? TENANT_MIGRATIONS_DIR);

  const worker = async () => {
    // A draining process takes no new tenant: what is left stays pending for another instance's sweep.
    while (!isDraining()) {
      const claim = await claimNext(runId, leaseMs);
      if (claim.kind === "done") return;
      if (claim.kind === "wait") {
        await sleep(pollMs);
        continue;
      }
      const { tenant } = claim;
      if (NOT_MIGRATABLE.has(tenant.status)) {
        await withPlatformScope((tx) => finishItem(tx, runId, tenant.id, { state: "skipped", durationMs: 0, migrations: [], failedVersion: null, error: `Skipped: the tenant is ${tenant.status}` }));
        continue;
      }
      const heartbeat = setInterval(() => void renewLease(runId, tenant.id, leaseMs).catch(() => undefined), Math.max(1000, leaseMs / 3));
      try {
        await migrateTenantItem(caller, run, tenant, { files });
      } finally {
        clearInterval(heartbeat);
      }
    }
  };
  await Promise.all(Array.from({ length: run.concurrency }, worker));
}

/** The job's minute sweep: every run not finished (a new one, or one a dead worker left) is worked again. */
export async function resumeFleetRuns(opts: ProcessFleetOptions = {}): Promise<number> {
  const open = await withPlatformScope(
    (tx) => tx.$queryRaw<{ id: string }[]>`SELECT id FROM tenant_migration_runs WHERE kind = 'fleet' AND state IN ('queued', 'running') ORDER BY created_at`,
  );
  for (const { id } of open) {
    if (isDraining()) break;
    await processFleetRun(id, opts);
  }
  return open.length;
}
