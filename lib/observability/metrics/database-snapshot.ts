import { ownerPool } from "@/lib/db/pools";
import { withPlatformScope } from "@/lib/db/scope";
import { MAX_MAIL_ATTEMPTS } from "@/lib/mail/deliver-pending-mail";

export type Count = { labels: Record<string, string>; value: number };
export type DatabaseSnapshot = { tenants: Count[]; jobs: Count[]; mail: Count[]; webhooks: Count[] };

/** Every status a tenant can have (the tenants_status_check), reported even at 0 so a series never vanishes. */
const TENANT_STATUSES = ["provisioning", "active", "suspended", "archived", "pending_deletion"];
/** pg-boss states that are work still to do or that went wrong; completed and cancelled jobs are history. */
const JOB_STATES = ["created", "retry", "active", "failed"];
/**
 * Rows the outboxes still hold undelivered (the statuses their due indexes cover). Mail that
 * failed is retried until MAX_MAIL_ATTEMPTS and then stays 'failed' for good: "retrying" and
 * "failed" here tell the two apart. Dead-lettered webhooks have no index and are left out.
 */
const MAIL_BACKLOG = ["pending", "retrying", "failed"];
const WEBHOOK_BACKLOG = ["pending", "retrying"];

/**
 * Scrapes come every few seconds from every Prometheus replica, and several
 * gauges read the same snapshot: it is taken at most once per TTL per process
 * (concurrent scrapes share the query in flight), so scraping costs the
 * database a handful of index scans every few seconds, however often it comes.
 */
const TTL_MS = 5_000;
const globals = globalThis as unknown as { __atriumMetricsSnapshot?: { at: number; value: Promise<DatabaseSnapshot> } };

export function databaseSnapshot(now = Date.now()): Promise<DatabaseSnapshot> {
  const cached = globals.__atriumMetricsSnapshot;
  if (cached && now - cached.at < TTL_MS) return cached.value;
  const value = takeSnapshot();
  // A failed snapshot is remembered for the TTL too: a database that is down is not asked again by every gauge of every scrape.
  value.catch(() => undefined);
  globals.__atriumMetricsSnapshot = { at: now, value };
  return value;
}

/** Forgets the cached snapshot (tests that change the database and scrape again at once). */
export function forgetDatabaseSnapshot(): void {
  globals.__atriumMetricsSnapshot = undefined;
}

const withZeros = (names: string[], label: string, rows: Array<{ key: string; n: number }>): Count[] => {
  const found = new Map(rows.map((r) => [r.key, r.n]));
  return [...new Set([...names, ...found.keys()])].map((k) => ({ labels: { [label]: k }, value: found.get(k) ?? 0 }));
};

async function takeSnapshot(): Promise<DatabaseSnapshot> {
  const [platform, jobs] = await Promise.all([
    withPlatformScope(async (tx) => ({
      tenants: await tx.$queryRaw<Array<{ key: string; n: number }>>`SELECT status AS key, count(*)::int AS n FROM tenants GROUP BY status`,
      mail: await tx.$queryRaw<Array<{ key: string; n: number }>>`
        SELECT CASE WHEN status = 'pending' THEN 'pending' WHEN attempts < ${MAX_MAIL_ATTEMPTS} THEN 'retrying' ELSE 'failed' END AS key, count(*)::int AS n
          FROM mail_outbox WHERE status IN ('pending', 'failed') GROUP BY 1`,
      webhooks: await tx.$queryRaw<Array<{ key: string; n: number }>>`SELECT status AS key, count(*)::int AS n FROM webhook_messages WHERE status IN ('pending', 'retrying') GROUP BY status`,
    })),
    jobCounts(),
  ]);
  return {
    tenants: withZeros(TENANT_STATUSES, "status", platform.tenants),
    mail: withZeros(MAIL_BACKLOG, "status", platform.mail),
    webhooks: withZeros(WEBHOOK_BACKLOG, "status", platform.webhooks),
    jobs,
  };
}

/**
 * pg-boss keeps its queues in the `pgboss` schema of the same database, owned by
 * the role DATABASE_URL names (the owner's pool), not by atrium_app. Every
 * queue pg-boss knows is listed with each state, at 0 when empty.
 */
async function jobCounts(): Promise<Count[]> {
  const { rows } = await ownerPool()
    .query<{ queue: string; state: string; n: number }>(
      `SELECT q.name AS queue, s.state, count(j.id)::int AS n
         FROM pgboss.queue q
        CROSS JOIN unnest($1::text[]) AS s(state)
         LEFT JOIN pgboss.job j ON j.name = q.name AND j.state::text = s.state
        GROUP BY q.name, s.state`,
      [JOB_STATES],
    )
    .catch((err: { code?: string }) => {
      // 42P01: pg-boss never started against this database (ATRIUM_JOBS=off everywhere): no queues to report.
      if (err.code === "42P01" || err.code === "3F000") return { rows: [] };
      throw err;
    });
  return rows.map((r) => ({ labels: { queue: r.queue, state: r.state }, value: r.n }));
}
