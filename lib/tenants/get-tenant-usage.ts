import { withTenantScope } from "@/lib/db/scope";
import type { SqlQuery } from "@/lib/db/sql-scope";
import type { ProjectionFit, UsageQuery, UsageResponse } from "@/lib/schemas/usage";
import { authorizeTenant, type TenantActor } from "@/lib/tenant-access/tenant-actor";
import { AppError } from "@/lib/http/errors";
import { tenantLimits } from "@/lib/tenants/serialize-tenant";
import { loadUsage, prismaSql } from "@/lib/tenants/tenant-usage";
import { PROJECTION_HORIZON_DAYS, fitProjection, type SeriesPoint } from "@/lib/tenants/usage-projection";
import { readDistinctUsers, readLatestGauges, readUsageByDimension, readUsageSeries, readUsageTotals, type UsagePoint } from "@/lib/usage/read-usage";
import { DAY_MS, HOUR_MS, floorTo } from "@/lib/usage/usage-sql";
import type { Tenant } from "@/lib/generated/prisma/client";

const PERIOD_MS = { "1h": HOUR_MS, "24h": DAY_MS, "7d": 7 * DAY_MS, "30d": 30 * DAY_MS } as const;
const BYTES_PER_GB = 1024 ** 3;
const round = (v: number, digits = 6) => Math.round(v * 10 ** digits) / 10 ** digits;
const gb = (bytes: number) => round(bytes / BYTES_PER_GB);
const percent = (current: number, limit: number | null) => (limit === null ? null : limit === 0 ? (current > 0 ? 100 : 0) : round((current / limit) * 100, 1));

const TOTAL_METERS = ["api_calls", "atrium_api_calls", "error", "response_time_ms", "atrium_api_duration_ms", "files_uploaded", "bandwidth_bytes", "db_connections"];
const GAUGES = ["db_connections", "storage_bytes", "index_bytes", "asset_bytes"];

type TenantFacts = Pick<Tenant, "id" | "schemaName" | "limits">;

/**
 * GET /tenants/{id}/usage: every figure read through the metering read
 * functions (lib/usage/read-usage.ts) in one tenant-scoped transaction. A
 * figure with no measurement behind it is null and named in
 * unavailable_metrics. `now` is a parameter so tests can fix the window.
 */
export async function getTenantUsage(actor: TenantActor, tenantId: string, query: UsageQuery, now = new Date()): Promise<UsageResponse> {
  const to = now;
  const from = new Date(now.getTime() - PERIOD_MS[query.period]);
  const granularity = query.period === "1h" || query.period === "24h" ? "hour" : "day";
  return withTenantScope(tenantId, async (tx) => {
    await authorizeTenant(actor, tenantId, "usage:read", tx);
    const tenant: TenantFacts | null = await tx.tenant.findUnique({ where: { id: tenantId }, select: { id: true, schemaName: true, limits: true } });
    if (!tenant) throw new AppError("tenant_not_found", `No tenant with id ${tenantId}`);
    const q = prismaSql(tx);
    const unavailable: string[] = [];
    const sections = query.metrics;
    const totals = (await readUsageTotals(q, [tenantId], { meters: TOTAL_METERS, from, to })).get(tenantId) ?? {};
    const gauges = (await readLatestGauges(q, [tenantId], GAUGES)).get(tenantId) ?? {};
    const limits = tenantLimits(tenant);
    const snapshot = (await loadUsage(q, [tenantId])).get(tenantId)!;
    const sum = (m: string) => totals[m]?.sum ?? 0;
    const measured = (path: string, v: number | null | undefined): number | null => {
      if (v === null || v === undefined || Number.isNaN(v)) {
        unavailable.push(path);
        return null;
      }
      return v;
    };
    const usage: UsageResponse["usage"] = {};

    if (sections.includes("database")) {
      const storageSeries = (await readUsageSeries(q, tenantId, { meters: ["storage_bytes"], from, to, granularity })).storage_bytes;
      const first = storageSeries[0];
      const latestStorage = gauges.storage_bytes?.value;
      const samples = storageSeries.reduce((n, p) => n + p.count, 0);
      const [{ n: tablesCount }] = await q<{ n: number }>("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = $1 AND tablename <> 'schema_migrations'", [tenant.schemaName]);
      usage.database = {
        connections: {
          current: measured("database.connections.current", gauges.db_connections?.value),
          peak: measured("database.connections.peak", totals.db_connections?.max),
          limit: limits.database_connections,
          avg_response_time_ms: measured("database.connections.avg_response_time_ms", null),
        },
        storage: {
          used_gb: measured("database.storage.used_gb", latestStorage === undefined ? null : gb(latestStorage)),
          limit_gb: limits.storage_gb,
          growth_gb: measured("database.storage.growth_gb", first && latestStorage !== undefined && samples >= 2 ? gb(latestStorage - first.sum / first.count) : null),
          tables_count: tablesCount,
          indexes_size_gb: measured("database.storage.indexes_size_gb", gauges.index_bytes === undefined ? null : gb(gauges.index_bytes.value)),
        },
        queries: null,
      };
      unavailable.push("database.queries");
    }

    const calls = sum("api_calls");
    const atriumCalls = sum("atrium_api_calls");
    if (sections.includes("storage")) {
      usage.storage = {
        files_count: null,
        total_size_gb: measured("storage.total_size_gb", gauges.asset_bytes === undefined ? null : gb(gauges.asset_bytes.value)),
        uploads: sum("files_uploaded"),
        downloads: null,
        bandwidth_gb: gb(sum("bandwidth_bytes")),
      };
      unavailable.push("storage.files_count", "storage.downloads");
    }

    if (sections.includes("api")) {
      const byStatus = (await readUsageByDimension(q, [tenantId], { meters: ["atrium_api_calls"], from, to })).get(tenantId)?.atrium_api_calls ?? {};
      const atriumErrors = Object.entries(byStatus).filter(([status]) => status.startsWith("5")).reduce((n, [, a]) => n + a.sum, 0);
      // Atrium's own calls are kept by status class (4xx), so a 429 cannot be told apart: rate-limit hits stay unmeasured.
      const rateLimited = byStatus["429"]?.sum;
      // Reported response_time_ms events are one call each; Atrium's atrium_api_duration_ms events carry the total ms of their calls.
      const timedCalls = (totals.response_time_ms?.count ?? 0) + atriumCalls;
      const timedMs = sum("response_time_ms") + sum("atrium_api_duration_ms");
      const users = (await readDistinctUsers(q, [tenantId], { meter: "active_user", from, to })).get(tenantId) ?? {};
      usage.api = {
        calls,
        atrium_calls: atriumCalls,
        rate_limit_hits: measured("api.rate_limit_hits", rateLimited),
        avg_response_time_ms: measured("api.avg_response_time_ms", timedCalls > 0 ? round(timedMs / timedCalls, 2) : null),
        error_rate: measured("api.error_rate", calls + atriumCalls > 0 ? round((sum("error") + atriumErrors) / (calls + atriumCalls)) : null),
        unique_users: users[""] ?? 0,
      };
    }

    if (sections.includes("cache")) {
      usage.cache = null;
      unavailable.push("cache");
    }

    const result: UsageResponse = {
      period: query.period,
      tenant_id: tenantId,
      from: from.toISOString(),
      to: to.toISOString(),
      usage,
      unavailable_metrics: unavailable,
      limits: {
        users: { current: snapshot.users, limit: limits.users, percent: percent(snapshot.users, limits.users) },
        storage_gb: { current: snapshot.storageGb, limit: limits.storage_gb, percent: percent(snapshot.storageGb, limits.storage_gb) },
        api_calls_daily: { current: snapshot.apiCallsToday, limit: limits.api_calls_per_day, percent: percent(snapshot.apiCallsToday, limits.api_calls_per_day) },
        database_connections: { current: snapshot.dbConnections, limit: limits.database_connections, percent: percent(snapshot.dbConnections, limits.database_connections) },
      },
    };
    if (query.include_projections) result.projections = await projections(q, tenantId, from, to, granularity);
    return result;
  });
}

const point = (p: UsagePoint, value: number): SeriesPoint => ({ t: new Date(p.t.length === 10 ? `${p.t}T00:00:00Z` : p.t), value });

/**
 * 30-day projections from least-squares lines over the period (fitProjection).
 * Levels (storage, members) use each bucket's mean sample; buckets without a
 * sample are left out, not taken as zero. API calls use every complete bucket
 * of the period, zero where nothing was called; the bucket still filling is
 * left out, since its partial count would bend the line down.
 */
async function projections(q: SqlQuery, tenantId: string, from: Date, to: Date, granularity: "hour" | "day"): Promise<NonNullable<UsageResponse["projections"]>> {
  const size = granularity === "hour" ? HOUR_MS : DAY_MS;
  const origin = floorTo(from, size);
  const series = await readUsageSeries(q, tenantId, { meters: ["storage_bytes", "members", "api_calls"], from, to, granularity });
  const level = (points: UsagePoint[], scale = 1) => points.filter((p) => p.count > 0).map((p) => point(p, p.sum / p.count / scale));
  const callsByBucket = new Map<number, number>();
  for (const p of series.api_calls) {
    const t = point(p, 0).t.getTime();
    callsByBucket.set(t, (callsByBucket.get(t) ?? 0) + p.sum);
  }
  const callPoints: SeriesPoint[] = [];
  for (let t = origin.getTime(); t + size <= to.getTime(); t += size) callPoints.push({ t: new Date(t), value: callsByBucket.get(t) ?? 0 });
  const shape = { granularity, origin, from: to } as const;
  const storage = fitProjection(level(series.storage_bytes, BYTES_PER_GB), { ...shape, kind: "level" });
  const api = fitProjection(callPoints, { ...shape, kind: "total" });
  const users = fitProjection(level(series.members), { ...shape, kind: "level" });
  const est = (f: ProjectionFit, digits: number) => (f.estimate === null ? null : round(f.estimate, digits));
  return {
    method: "least_squares_linear",
    horizon_days: PROJECTION_HORIZON_DAYS,
    storage_30d_estimate_gb: est(storage, 3),
    api_calls_30d_estimate: est(api, 0),
    users_30d_estimate: est(users, 0),
    fits: { storage_gb: storage, api_calls: api, users },
  };
}
