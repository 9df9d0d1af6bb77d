import { withPlatformScope } from "@/lib/db/scope";
import { computeHealth, publicCheck } from "@/lib/health/compute-health";

/** Tenants checked per transaction: the inputs of a chunk stay small, and one slow chunk does not hold every row. */
const CHUNK = 500;

/**
 * The tenant-health job (lib/jobs/start-jobs.ts, every 15 minutes): checks
 * every tenant and stores the result twice, as the tenant's latest check
 * (tenant_health, which the tenant list shows and sorts by) and in the day's
 * row (tenant_health_daily: the day's last and lowest score, checks run and
 * those that reached the schema, from which uptime is computed).
 */
export async function recordTenantHealth(now = new Date()): Promise<{ checked: number }> {
  let checked = 0;
  let after = "";
  for (;;) {
    const n = await withPlatformScope(async (tx) => {
      const tenants = await tx.tenant.findMany({
        where: { id: { gt: after }, status: { not: "pending_deletion" } },
        orderBy: { id: "asc" },
        take: CHUNK,
        select: { id: true, schemaName: true, plan: true, limits: true, features: true, provisioning: true },
      });
      if (tenants.length === 0) return 0;
      after = tenants[tenants.length - 1].id;
      const results = await computeHealth(tx, tenants, now);
      const day = now.toISOString().slice(0, 10);
      const cols = {
        ids: results.map((r) => r.tenantId),
        scores: results.map((r) => r.score),
        statuses: results.map((r) => r.status),
        checks: results.map((r) => JSON.stringify(r.checks.map(publicCheck))),
        reachable: results.map((r) => (r.checks.some((c) => c.name === "schema_reachable" && c.status === "pass") ? 1 : 0)),
      };
      await tx.$executeRawUnsafe(
        `INSERT INTO tenant_health (tenant_id, score, status, checks, checked_at)
         SELECT u.id, score, u.status, checks, $5 FROM unnest($1::text[], $2::int[], $3::text[], $4::jsonb[]) AS u(id, score, status, checks)
           JOIN tenants t ON t.id = u.id -- a tenant purged since it was read is skipped, not an error
         ON CONFLICT (tenant_id) DO UPDATE SET score = EXCLUDED.score, status = EXCLUDED.status, checks = EXCLUDED.checks, checked_at = EXCLUDED.checked_at`,
        cols.ids,
        cols.scores,
        cols.statuses,
        cols.checks,
        now,
      );
      await tx.$executeRawUnsafe(
        `INSERT INTO tenant_health_daily AS d (tenant_id, day, score, status, min_score, checks_run, schema_reachable_runs, updated_at)
         SELECT u.id, $5::date, score, u.status, score, 1, reachable, $6 FROM unnest($1::text[], $2::int[], $3::text[], $4::int[]) AS u(id, score, status, reachable)
           JOIN tenants t ON t.id = u.id
         ON CONFLICT (tenant_id, day) DO UPDATE SET score = EXCLUDED.score, status = EXCLUDED.status, min_score = LEAST(d.min_score, EXCLUDED.score),
           checks_run = d.checks_run + 1, schema_reachable_runs = d.schema_reachable_runs + EXCLUDED.schema_reachable_runs, updated_at = EXCLUDED.updated_at`,
        cols.ids,
        cols.scores,
        cols.statuses,
        cols.reachable,
        day,
        now,
      );
      return tenants.length;
    });
    checked += n;
    if (n < CHUNK) return { checked };
  }
}
