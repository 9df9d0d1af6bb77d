import type { Granularity, SeriesDef } from "@/components/charts/usage-time-series";
import type { LimitResource } from "@/lib/schemas/limits";
import type { UsageResponse } from "@/lib/schemas/usage";
import type { SeriesBucket } from "@/lib/usage/usage-dashboard-data";

const GB = 2 ** 30;
const num = (v: number, digits = 1) => v.toLocaleString("en-US", { maximumFractionDigits: v < 10 ? 2 : digits });
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });
/** Figures kept in GB, shown in MB below 1 GB so a young tenant's storage does not read "0 GB". */
const gb = (v: number) => (v > 0 && v < 1 ? `${num(v * 1024, 1)} MB` : `${num(v, 2)} GB`);
const count = (v: number) => (Math.abs(v) < 10_000 ? num(v, 0) : compact.format(v));

/** The buckets of every meter that share one start time. */
export type BucketsAt = Record<string, SeriesBucket | undefined>;

type Line = SeriesDef & { value: (b: BucketsAt) => number | null };

/** One chart of the usage dashboard: which meters it reads, how a bucket becomes a figure, and which limit, threshold and fit belong to it. */
export type UsageChartSpec = {
  key: string;
  title: string;
  description: string;
  meters: string[];
  lines: Line[];
  format: (v: number) => string;
  /** The limit drawn against the first line, when the limit is per the chart's bucket. */
  limit?: (usage: UsageResponse, g: Granularity) => number | null | undefined;
  /** Why the limit is not drawn at this granularity (the limit counts another span than one bucket). */
  limitNote?: (usage: UsageResponse, g: Granularity) => string | null;
  resource?: LimitResource;
  fit?: "storage_gb" | "api_calls" | "users";
  projectionLabel?: (usage: UsageResponse) => string | null;
  /** What the empty state says: nothing reported or sampled, and who reports this meter or when Atrium measures it. */
  emptyTitle: string;
  emptyHint: string;
};

const sum = (meter: string) => (b: BucketsAt) => b[meter]?.sum ?? null;
// Gauges are sampled every 5 minutes; a bucket's highest sample is the figure a limit is about.
const peak = (meter: string, scale = 1) => (b: BucketsAt) => (b[meter] ? b[meter]!.max / scale : null);
const REPORTED = "Your product reports it through POST /api/v1/usage/events; the chart fills in from the first event.";
const SAMPLED = "Atrium samples it every 5 minutes; the first sample appears within minutes of the tenant being provisioned.";

export const USAGE_CHARTS: UsageChartSpec[] = [
  {
    key: "api_calls",
    title: "API calls",
    description: "Calls your product reported, per bucket",
    meters: ["api_calls"],
    lines: [{ key: "api_calls", label: "API calls", color: "var(--color-indigo-600, #4f46e5)", value: sum("api_calls") }],
    format: count,
    limit: (u, g) => (g === "day" ? u.limits.api_calls_daily.limit : undefined),
    limitNote: (u, g) => (g === "hour" && u.limits.api_calls_daily.limit !== null ? `The daily limit (${count(u.limits.api_calls_daily.limit)}) counts each UTC day's total, so it is drawn on the 7d and 30d views.` : null),
    resource: "api_rate_limits",
    fit: "api_calls",
    projectionLabel: (u) => (u.projections?.api_calls_30d_estimate == null ? null : `At this trend, ${count(u.projections.api_calls_30d_estimate)} calls over the next 30 days`),
    emptyTitle: "No usage reported in this period",
    emptyHint: REPORTED,
  },
  {
    key: "storage",
    title: "Storage",
    description: "The tenant's database schema and uploaded files, highest sample per bucket",
    meters: ["storage_bytes"],
    lines: [{ key: "storage_bytes", label: "Storage", color: "var(--color-cyan-600, #0891b2)", value: peak("storage_bytes", GB) }],
    format: gb,
    limit: (u) => u.limits.storage_gb.limit,
    resource: "storage_quota",
    fit: "storage_gb",
    projectionLabel: (u) => (u.projections?.storage_30d_estimate_gb == null ? null : `At this trend, ${num(u.projections.storage_30d_estimate_gb, 2)} GB in 30 days`),
    emptyTitle: "No sample in this period yet",
    emptyHint: SAMPLED,
  },
  {
    key: "members",
    title: "Members",
    description: "Members, and those active in the last 30 days",
    meters: ["members", "active_members"],
    lines: [
      { key: "members", label: "Members", color: "var(--color-violet-600, #7c3aed)", value: peak("members") },
      { key: "active_members", label: "Active members", color: "var(--color-fuchsia-600, #c026d3)", value: peak("active_members") },
    ],
    format: (v) => num(v, 0),
    limit: (u) => u.limits.users.limit,
    resource: "user_count",
    fit: "users",
    projectionLabel: (u) => (u.projections?.users_30d_estimate == null ? null : `At this trend, ${num(u.projections.users_30d_estimate, 0)} members in 30 days`),
    emptyTitle: "No sample in this period yet",
    emptyHint: SAMPLED,
  },
  {
    key: "db_connections",
    title: "Database connections",
    description: "Peak connections of the tenant's database role",
    meters: ["db_connections"],
    lines: [{ key: "db_connections", label: "Connections", color: "var(--color-emerald-600, #059669)", value: peak("db_connections") }],
    format: (v) => num(v, 0),
    limit: (u) => u.limits.database_connections.limit,
    resource: "database_connections",
    emptyTitle: "No sample in this period yet",
    emptyHint: SAMPLED,
  },
  {
    key: "bandwidth",
    title: "Bandwidth",
    description: "Data transfer your product reported",
    meters: ["bandwidth_bytes"],
    lines: [{ key: "bandwidth_bytes", label: "Bandwidth", color: "var(--color-amber-600, #d97706)", value: (b) => (b.bandwidth_bytes ? b.bandwidth_bytes.sum / GB : null) }],
    format: gb,
    limitNote: () => "The bandwidth limit counts each calendar month's total, so it is not drawn against these figures.",
    emptyTitle: "No usage reported in this period",
    emptyHint: REPORTED,
  },
  {
    key: "errors",
    title: "Error rate",
    description: "Reported errors as a share of reported API calls",
    meters: ["error", "api_calls"],
    lines: [
      {
        key: "error_rate",
        label: "Error rate",
        color: "var(--color-red-600, #dc2626)",
        value: (b) => (b.api_calls && b.api_calls.sum > 0 ? ((b.error?.sum ?? 0) / b.api_calls.sum) * 100 : null),
      },
    ],
    format: (v) => `${num(v, 2)}%`,
    emptyTitle: "No usage reported in this period",
    emptyHint: REPORTED,
  },
  {
    key: "response_time",
    title: "Response time",
    description: "Mean of the response times your product reported",
    meters: ["response_time_ms"],
    lines: [{ key: "response_time", label: "Mean response time", color: "var(--color-teal-600, #0d9488)", value: (b) => (b.response_time_ms && b.response_time_ms.count > 0 ? b.response_time_ms.sum / b.response_time_ms.count : null) }],
    format: (v) => `${num(v, 0)} ms`,
    emptyTitle: "No usage reported in this period",
    emptyHint: REPORTED,
  },
  {
    key: "atrium_api_calls",
    title: "Calls to Atrium's API",
    description: "Requests the tenant's keys and members made to Atrium itself, measured by Atrium",
    meters: ["atrium_api_calls"],
    lines: [{ key: "atrium_api_calls", label: "Atrium API calls", color: "var(--color-slate-600, #475569)", value: sum("atrium_api_calls") }],
    format: count,
    emptyTitle: "No calls to Atrium in this period",
    emptyHint: "Atrium counts each call a tenant key or member makes to its API; none in this period.",
  },
];

/** Plain words for the figures the usage API lists in unavailable_metrics (a path not known here is shown as it is). */
export function unavailableLabel(path: string): string {
  const known: Record<string, string> = {
    "database.connections.current": "Database connections now (no sample yet)",
    "database.connections.peak": "Peak database connections (no sample in the period)",
    "database.connections.avg_response_time_ms": "Database response time (not measured)",
    "database.storage.used_gb": "Database storage (no sample yet)",
    "database.storage.growth_gb": "Storage growth (fewer than two samples in the period)",
    "database.storage.indexes_size_gb": "Index size (no sample yet)",
    "database.queries": "Query counts and times of the tenant's database (not measured)",
    "storage.files_count": "Number of stored files (deletions are not reported)",
    "storage.total_size_gb": "Uploaded files' size (no sample yet)",
    "storage.downloads": "Downloads (no meter is reported)",
    "api.rate_limit_hits": "Rate-limit hits (not recorded)",
    "api.avg_response_time_ms": "API response time (none reported in the period)",
    "api.error_rate": "API error rate (no calls in the period)",
    cache: "Cache figures (Atrium runs no cache for tenants)",
  };
  return known[path] ?? path;
}
