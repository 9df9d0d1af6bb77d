import { analyticsWindow, BYTES_PER_GB, ratio, round2 } from "@/lib/analytics/analytics-window";
import { API_CALL_METERS } from "@/lib/analytics/usage-sparklines";
import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { withPlatformSql, type SqlQuery } from "@/lib/db/sql-scope";
import type { Prisma } from "@/lib/generated/prisma/client";
import { readUptime } from "@/lib/health/read-uptime";
import { parseOrThrow } from "@/lib/http/errors";
import { pagination } from "@/lib/tenants/list-tenants";
import { crossTenantQuerySchema, CROSS_TENANT_METRICS, type CrossTenantAnalytics, type HealthStatus } from "@/lib/schemas/analytics";
import { tenantLimits } from "@/lib/tenants/serialize-tenant";
import { SERVER_ERROR_CLASS } from "@/lib/analytics/get-tenant-analytics";
import { readDailyTotals } from "@/lib/usage/read-daily-totals";
import { readDistinctUsers, readLatestGauges, readUsageByDimension, readUsageTotals } from "@/lib/usage/read-usage";

type Row = CrossTenantAnalytics["tenant_comparison"][number];
type TenantRow = { id: string; name: string; slug: string; plan: Row["plan"]; status: Row["status"]; limits: Prisma.JsonValue; created_at: Date; health_score: number | null; health_status: HealthStatus | null; members: number };
const METERS = ["api_calls", "atrium_api_calls", "error", "response_time_ms"] as const;

/**
 * GET /analytics/cross-tenant: one query per source for every included
 * tenant together (tenants with members and stored health; usage totals by
 * dimension for this period and API calls for the previous one, distinct
 * active users, latest storage, uptime, the daily timeline), never one per
 * tenant, the sources read side by side on the pool; sorting and paging
 * happen on the assembled rows.
 */
export async function getCrossTenantAnalytics(caller: Caller, query: unknown, now = new Date()): Promise<CrossTenantAnalytics> {
  authorize(caller, "tenants:read");
  const q = parseOrThrow(crossTenantQuerySchema, query);
  const w = analyticsWindow(q.period, now);
  const tenants = await withPlatformSql((sql) =>
    sql<TenantRow>(
      `SELECT t.id, t.name, t.slug, t.plan, t.status, t.limits, t.created_at, h.score AS health_score, h.status AS health_status,
              (SELECT count(*)::int FROM memberships m WHERE m.tenant_id = t.id AND m.status = 'active') AS members
         FROM tenants t LEFT JOIN tenant_health h ON h.tenant_id = t.id
        WHERE t.status <> 'pending_deletion' AND ($1::text[] IS NULL OR t.id = ANY($1::text[])) ORDER BY t.id`,
      [q.tenant_ids ?? null],
    ),
  );
  const ids = tenants.map((t) => t.id);
  // Each source in its own platform-scope transaction, side by side on the pool: they are independent reads.
  const read = <T>(fn: (sql: SqlQuery) => Promise<T>) => withPlatformSql(fn);
  const [byDimension, previous, active, gauges, uptime, timeline] = await Promise.all([
    // By dimension, so Atrium's 5xx answers come from the same pass as every total.
    read((sql) => readUsageByDimension(sql, ids, { meters: METERS, from: w.from, to: w.to })),
    read((sql) => readUsageTotals(sql, ids, { meters: API_CALL_METERS, from: w.prevFrom, to: w.from })),
    read((sql) => readDistinctUsers(sql, ids, { from: w.from, to: w.to })),
    read((sql) => readLatestGauges(sql, ids, ["storage_bytes"])),
    read((sql) => readUptime(sql, ids, w.from, w.to)),
    read((sql) => readDailyTotals(sql, ids, { meters: API_CALL_METERS, from: w.from, to: w.to, acrossTenants: true })),
  ]);

  let respSum = 0;
  let respCount = 0;
  let errors = 0;
  let calls = 0;
  const utilisation: number[] = [];
  const rows: Row[] = tenants.map((t) => {
    const dims = byDimension.get(t.id)!;
    const total = (m: (typeof METERS)[number]) => Object.values(dims[m] ?? {}).reduce((a, d) => ({ sum: a.sum + d.sum, count: a.count + d.count }), { sum: 0, count: 0 });
    const tenantCalls = total("api_calls").sum + total("atrium_api_calls").sum;
    const tenantErrors = total("error").sum + (dims.atrium_api_calls?.[SERVER_ERROR_CLASS]?.sum ?? 0);
    const p = previous.get(t.id)!;
    const before = (p.api_calls?.sum ?? 0) + (p.atrium_api_calls?.sum ?? 0);
    respSum += total("response_time_ms").sum;
    respCount += total("response_time_ms").count;
    errors += tenantErrors;
    calls += tenantCalls;
    const storageGb = Math.round(((gauges.get(t.id)!.storage_bytes?.value ?? 0) / BYTES_PER_GB) * 1e6) / 1e6;
    const quota = tenantLimits(t).storage_gb;
    if (quota) utilisation.push(Math.min(1, storageGb / quota));
    return {
      tenant_id: t.id,
      name: t.name,
      slug: t.slug,
      plan: t.plan as Row["plan"],
      status: t.status as Row["status"],
      user_count: t.members,
      active_users: active.get(t.id)![""] ?? 0,
      storage_gb: storageGb,
      api_calls: tenantCalls,
      growth_rate: ratio(tenantCalls - before, before),
      error_rate: ratio(tenantErrors, tenantCalls),
      health_score: t.health_score,
    };
  });

  const sum = (f: (r: Row) => number, of: Row[] = rows) => of.reduce((s, r) => s + f(r), 0);
  const up = [...uptime.values()].reduce((a, u) => ({ runs: a.runs + u.runs, reachable: a.reachable + u.reachable }), { runs: 0, reachable: 0 });
  const aggregated = {
    total_users: sum((r) => r.user_count),
    active_users: sum((r) => r.active_users),
    total_storage_gb: round2(sum((r) => r.storage_gb)),
    total_api_calls: calls,
    average_response_time_ms: respCount ? round2(respSum / respCount) : null,
    platform_uptime: up.runs ? Math.round((up.reachable / up.runs) * 10_000) / 100 : null,
  };
  const wanted = new Set(q.metrics ?? CROSS_TENANT_METRICS);
  const unavailable = CROSS_TENANT_METRICS.filter((m) => wanted.has(m) && aggregated[m] === null).map((m) => `aggregated_metrics.${m}`);

  const distribution = { healthy: 0, degraded: 0, critical: 0, unknown: 0 };
  for (const t of tenants) distribution[t.health_status ?? "unknown"] += 1;
  const checked = tenants.length - distribution.unknown;
  const scores = tenants.flatMap((t) => (t.health_score === null ? [] : [t.health_score]));
  const overall: HealthStatus =
    checked > 0 && distribution.critical / checked > 0.1 ? "critical" : distribution.critical > 0 || (checked > 0 && distribution.degraded / checked > 0.25) ? "degraded" : "healthy";
  const errorRate = ratio(errors, calls);
  if (utilisation.length === 0) unavailable.push("platform_health.resource_utilization");
  if (errorRate === null) unavailable.push("platform_health.error_rate");
  if (scores.length === 0) unavailable.push("platform_health.performance_score");

  const direction = q.order === "asc" ? 1 : -1;
  const key = q.sort;
  const sorted = [...rows].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    // Unknown figures (null) go last whichever the order; ties by tenant id, so pages never overlap.
    if (x === null || y === null) return x === y ? a.tenant_id.localeCompare(b.tenant_id) : x === null ? 1 : -1;
    const c = typeof x === "string" ? x.localeCompare(y as string) : (x as number) - (y as number);
    return c !== 0 ? c * direction : a.tenant_id.localeCompare(b.tenant_id);
  });
  const start = (q.page - 1) * q.page_size;

  const existingOn = (day: string) => tenants.filter((t) => t.created_at.toISOString().slice(0, 10) <= day).length;
  const callsOn = new Map(timeline.map((d) => [d.day, d.sum]));
  const result: CrossTenantAnalytics = {
    period: q.period,
    from: w.from.toISOString(),
    to: w.to.toISOString(),
    tenants_included: tenants.length,
    aggregated_metrics: Object.fromEntries(Object.entries(aggregated).filter(([k]) => wanted.has(k as (typeof CROSS_TENANT_METRICS)[number]))),
    tenant_comparison: sorted.slice(start, start + q.page_size),
    pagination: pagination(q.page, q.page_size, rows.length),
    timeline: w.dayList.map((day) => ({ date: day, api_calls: callsOn.get(day) ?? 0, tenants: existingOn(day) })),
    platform_health: {
      overall_status: overall,
      health_distribution: distribution,
      resource_utilization: utilisation.length ? Math.round((utilisation.reduce((a, b) => a + b, 0) / utilisation.length) * 10_000) / 10_000 : null,
      error_rate: errorRate,
      performance_score: scores.length ? round2(scores.reduce((a, b) => a + b, 0) / scores.length) : null,
    },
    unavailable_metrics: unavailable,
  };
  if (q.segment_by) {
    const field = q.segment_by;
    const keys = [...new Set(rows.map((r) => r[field]))].sort();
    result.segments = keys.map((k) => {
      const of = rows.filter((r) => r[field] === k);
      return {
        key: k,
        tenants: of.length,
        total_users: sum((r) => r.user_count, of),
        active_users: sum((r) => r.active_users, of),
        total_storage_gb: round2(sum((r) => r.storage_gb, of)),
        total_api_calls: sum((r) => r.api_calls, of),
      };
    });
  }
  return result;
}
