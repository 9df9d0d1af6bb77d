import { analyticsWindow, BYTES_PER_GB, ratio, round2, type AnalyticsWindow } from "@/lib/analytics/analytics-window";
import { classifyTrend, type Trend } from "@/lib/analytics/trend";
import type { Tx } from "@/lib/db/prisma";
import { withTenantScope } from "@/lib/db/scope";
import { readUptime, uptimePercent } from "@/lib/health/read-uptime";
import { parseOrThrow } from "@/lib/http/errors";
import { ANALYTICS_SECTIONS, tenantAnalyticsQuerySchema, type TenantAnalytics } from "@/lib/schemas/analytics";
import { authorizeTenant, type TenantActor } from "@/lib/tenant-access/tenant-actor";
import { readDailyDistinctUsers, readDistinctUsers, readLatestGauges, readUsageByDimension, readUsageSeries, readUsageTotals, type UsagePoint } from "@/lib/usage/read-usage";
import { readUserSessions } from "@/lib/usage/read-user-sessions";

/** The status class Atrium's own API metering gives its 5xx answers (the atrium_api_calls dimension). */
export const SERVER_ERROR_CLASS = "5xx";
const DAY_MS = 86_400_000;
const COUNTERS = ["api_calls", "atrium_api_calls", "bandwidth_bytes", "files_uploaded", "error", "response_time_ms", "atrium_api_duration_ms"] as const;

type Analytics = TenantAnalytics["analytics"];

/**
 * GET /tenants/{id}/analytics. Every figure is read from the usage rollups
 * (lib/usage), the memberships and the stored health checks; each definition
 * is in README "Analytics and health". A figure nothing measures is null and
 * named in unavailable_metrics.
 */
export async function getTenantAnalytics(actor: TenantActor, tenantId: string, query: unknown, now = new Date()): Promise<TenantAnalytics> {
  return withTenantScope(tenantId, async (tx) => {
    await authorizeTenant(actor, tenantId, "usage:read", tx);
    const q = parseOrThrow(tenantAnalyticsQuerySchema, query);
    const want = new Set(q.metrics ?? ANALYTICS_SECTIONS);
    const w = analyticsWindow(q.period, now);
    const unavailable: string[] = [];
    const nullable = (path: string, v: number | null) => {
      if (v === null) unavailable.push(path);
      return v;
    };

    const totals = (await readUsageTotals(tx, [tenantId], { meters: COUNTERS, from: w.from, to: w.to })).get(tenantId)!;
    const sum = (m: (typeof COUNTERS)[number]) => totals[m]?.sum ?? 0;
    const mean = (m: (typeof COUNTERS)[number]) => (totals[m]?.count ? round2(totals[m].sum / totals[m].count) : null);
    const byStatus = (await readUsageByDimension(tx, [tenantId], { meters: ["atrium_api_calls"], from: w.from, to: w.to })).get(tenantId)!;
    const serverErrors = byStatus.atrium_api_calls?.[SERVER_ERROR_CLASS]?.sum ?? 0;
    const activeInPeriod = (await readDistinctUsers(tx, [tenantId], { from: w.from, to: w.to })).get(tenantId)![""] ?? 0;

    const analytics: Analytics = {};
    if (want.has("user_metrics")) {
      const u = await userMetrics(tx, tenantId, w, now);
      analytics.user_metrics = {
        ...u,
        user_retention_rate: nullable("user_metrics.user_retention_rate", u.user_retention_rate),
        avg_session_duration_minutes: nullable("user_metrics.avg_session_duration_minutes", u.avg_session_duration_minutes),
        user_growth_rate: nullable("user_metrics.user_growth_rate", u.user_growth_rate),
      };
    }
    if (want.has("usage_metrics")) {
      const storage = (await readLatestGauges(tx, [tenantId], ["storage_bytes"])).get(tenantId)!.storage_bytes;
      const storageSeries = (await readUsageSeries(tx, tenantId, { meters: ["storage_bytes"], from: w.from, to: w.to, granularity: "day" })).storage_bytes;
      const first = storageSeries[0];
      const last = storageSeries.at(-1);
      const sessions = await readUserSessions(tx, tenantId, { from: w.from, to: w.to });
      analytics.usage_metrics = {
        api_calls_total: sum("api_calls"),
        api_calls_per_day_avg: round2(sum("api_calls") / w.days),
        atrium_api_calls_total: sum("atrium_api_calls"),
        bandwidth_bytes_total: sum("bandwidth_bytes"),
        files_uploaded_total: sum("files_uploaded"),
        storage_bytes_current: nullable("usage_metrics.storage_bytes_current", storage?.value ?? null),
        storage_growth_gb: nullable("usage_metrics.storage_growth_gb", first && last && first !== last ? Math.round(((pointMean(last) - pointMean(first)) / BYTES_PER_GB) * 1e6) / 1e6 : null),
        peak_concurrent_users: nullable("usage_metrics.peak_concurrent_users", sessions.peakHourlyUsers),
        avg_response_time_ms: nullable("usage_metrics.avg_response_time_ms", mean("response_time_ms")),
      };
    }
    if (want.has("feature_adoption")) {
      const features = (await readDistinctUsers(tx, [tenantId], { meter: "feature_used", from: w.from, to: w.to })).get(tenantId)!;
      if (activeInPeriod === 0) unavailable.push("feature_adoption");
      // A feature's users are counted among the active ones; a product that reports feature use without active_user events is capped at 1.
      analytics.feature_adoption =
        activeInPeriod === 0 ? {} : Object.fromEntries(Object.entries(features).filter(([f]) => f !== "").sort(([a], [b]) => a.localeCompare(b)).map(([f, n]) => [f, Math.min(1, ratio(n, activeInPeriod)!)]));
    }
    if (want.has("performance_metrics")) {
      const uptime = (await readUptime(tx, [tenantId], w.from, w.to)).get(tenantId);
      analytics.performance_metrics = {
        uptime_percentage: nullable("performance_metrics.uptime_percentage", uptimePercent(uptime)),
        error_rate: nullable("performance_metrics.error_rate", ratio(sum("error") + serverErrors, sum("api_calls") + sum("atrium_api_calls"))),
        avg_response_time_ms: nullable("performance_metrics.avg_response_time_ms", mean("response_time_ms")),
        atrium_avg_response_time_ms: nullable("performance_metrics.atrium_avg_response_time_ms", mean("atrium_api_duration_ms")),
        // Atrium sees neither the product's cache nor its queries' timings, and no meter reports them.
        cache_hit_rate: nullable("performance_metrics.cache_hit_rate", null),
        database_query_avg_ms: nullable("performance_metrics.database_query_avg_ms", null),
      };
    }

    const needSeries = want.has("trends") || q.segment !== undefined;
    const series = needSeries ? await dailySeries(tx, tenantId, w) : null;
    const result: TenantAnalytics = { period: q.period, tenant_id: tenantId, from: w.from.toISOString(), to: w.to.toISOString(), analytics, unavailable_metrics: unavailable };
    if (want.has("trends") && series) {
      // Complete days only: today's partial figures would read as a fall.
      const complete = (pts: [number, number][]) => pts.filter(([x]) => x < w.days - 1);
      const details = {
        user_growth: classifyTrend(complete(series.activeUsers)),
        storage_usage: classifyTrend(complete(series.storageBytes)),
        api_usage: classifyTrend(complete(series.apiCalls)),
        error_rate: classifyTrend(complete(series.errorRate)),
      } satisfies Record<string, Trend>;
      result.trends = { user_growth: details.user_growth.direction, storage_usage: details.storage_usage.direction, api_usage: details.api_usage.direction, error_rate: details.error_rate.direction, details };
    }
    if (q.segment && series) {
      const pick = { users: { unit: "users", pts: series.activeUsers }, storage: { unit: "bytes", pts: series.storageBytes }, api: { unit: "calls", pts: series.apiCalls } }[q.segment];
      result.segment = { name: q.segment, unit: pick.unit, series: pick.pts.map(([x, v]) => ({ date: w.dayList[x], value: v })) };
    }
    return result;
  });
}

const pointMean = (p: UsagePoint) => (p.count ? p.sum / p.count : 0);

async function userMetrics(tx: Tx, tenantId: string, w: AnalyticsWindow, now: Date) {
  const last30 = new Date(now.getTime() - 29 * DAY_MS);
  const [total, newUsers, before] = await Promise.all([
    tx.membership.count({ where: { tenantId, status: "active" } }),
    tx.membership.count({ where: { tenantId, joinedAt: { gte: new Date(Date.UTC(last30.getUTCFullYear(), last30.getUTCMonth(), last30.getUTCDate())) } } }),
    tx.membership.count({ where: { tenantId, status: "active", joinedAt: { lt: w.from } } }),
  ]);
  const prevTo = new Date(w.from.getTime() - 1);
  const distinct = async (from: Date, to: Date) => (await readDistinctUsers(tx, [tenantId], { from, to })).get(tenantId)![""] ?? 0;
  const active30 = await distinct(last30, now);
  // Retained = active in both periods = |previous| + |this| − |either| (the two periods are adjacent, so "either" is one range).
  const prev = await distinct(w.prevFrom, prevTo);
  const cur = await distinct(w.from, now);
  const either = await distinct(w.prevFrom, now);
  const sessions = await readUserSessions(tx, tenantId, { from: w.from, to: w.to });
  return {
    total_users: total,
    active_users_30d: active30,
    new_users_30d: newUsers,
    user_retention_rate: ratio(prev + cur - either, prev),
    avg_session_duration_minutes: sessions.sessions > 0 ? sessions.avgSessionMinutes : null,
    user_growth_rate: ratio(total - before, before),
  };
}

/** Daily points `[day index, value]` of the period: users and calls as 0 on a day without any, storage and error rate only on days that have a figure. */
async function dailySeries(tx: Tx, tenantId: string, w: AnalyticsWindow) {
  const index = new Map(w.dayList.map((d, i) => [d, i]));
  const s = await readUsageSeries(tx, tenantId, { meters: ["api_calls", "atrium_api_calls", "error", "storage_bytes"], from: w.from, to: w.to, granularity: "day" });
  const fiveXx = (await readUsageSeries(tx, tenantId, { meters: ["atrium_api_calls"], from: w.from, to: w.to, granularity: "day", dimension: SERVER_ERROR_CLASS })).atrium_api_calls;
  const users = await readDailyDistinctUsers(tx, tenantId, { from: w.from, to: w.to });
  const zeros = () => w.dayList.map(() => 0);
  const add = (into: number[], pts: { t: string; value: number }[]) => {
    for (const p of pts) {
      const i = index.get(p.t.slice(0, 10));
      if (i !== undefined) into[i] += p.value;
    }
    return into;
  };
  const sums = (pts: UsagePoint[]) => pts.map((p) => ({ t: p.t, value: p.sum }));
  const calls = add(add(zeros(), sums(s.api_calls)), sums(s.atrium_api_calls));
  const errors = add(add(zeros(), sums(s.error)), sums(fiveXx));
  const activeUsers = add(zeros(), users.map((u) => ({ t: u.day, value: u.users })));
  const storage: [number, number][] = s.storage_bytes.flatMap((p) => (index.has(p.t.slice(0, 10)) ? [[index.get(p.t.slice(0, 10))!, pointMean(p)] as [number, number]] : []));
  return {
    apiCalls: calls.map((v, i) => [i, v] as [number, number]),
    activeUsers: activeUsers.map((v, i) => [i, v] as [number, number]),
    storageBytes: storage,
    errorRate: calls.flatMap((c, i) => (c > 0 ? [[i, errors[i] / c] as [number, number]] : [])),
  };
}
