import { ANALYTICS_PERIODS, type AnalyticsPeriod, type CrossTenantQuery } from "@/lib/schemas/analytics";

/** What the top-tenants table can rank by, and which way is "top" for each. */
export const RANKINGS = [
  { key: "api_calls", label: "API calls", order: "desc" },
  { key: "storage_gb", label: "Storage", order: "desc" },
  { key: "user_count", label: "Members", order: "desc" },
  { key: "active_users", label: "Active users", order: "desc" },
  { key: "growth_rate", label: "Growth", order: "desc" },
  { key: "error_rate", label: "Error rate", order: "desc" },
  { key: "health_score", label: "Health (worst first)", order: "asc" },
] as const satisfies readonly { key: CrossTenantQuery["sort"]; label: string; order: "asc" | "desc" }[];
export type Ranking = (typeof RANKINGS)[number]["key"];

export type AnalyticsPageParams = { period: AnalyticsPeriod; rank: Ranking };
export const DEFAULT_ANALYTICS_PARAMS: AnalyticsPageParams = { period: "30d", rank: "api_calls" };
export const TOP_TENANTS = 10;
export const WORST_TENANTS = 8;

const oneOf = <T extends string>(list: readonly T[], v: string | null | undefined): T | undefined => (v && (list as readonly string[]).includes(v) ? (v as T) : undefined);

/** The page's state from its URL; anything unknown falls back to the default. */
export function parseAnalyticsParams(get: (key: string) => string | null | undefined): AnalyticsPageParams {
  return {
    period: oneOf(ANALYTICS_PERIODS, get("period")) ?? DEFAULT_ANALYTICS_PARAMS.period,
    rank: oneOf(RANKINGS.map((r) => r.key), get("rank")) ?? DEFAULT_ANALYTICS_PARAMS.rank,
  };
}

export function analyticsParamsToSearch(p: AnalyticsPageParams): string {
  const q = new URLSearchParams();
  if (p.period !== DEFAULT_ANALYTICS_PARAMS.period) q.set("period", p.period);
  if (p.rank !== DEFAULT_ANALYTICS_PARAMS.rank) q.set("rank", p.rank);
  const s = q.toString();
  return s ? `?${s}` : "";
}

export const rankingOf = (rank: Ranking) => RANKINGS.find((r) => r.key === rank)!;

/**
 * The three cross-tenant reads the page makes. Platform totals, the plan split
 * and the timeline do not depend on the ranking, so switching it re-reads only
 * the top tenants; the status split is a second segmentation of the same period.
 */
export const overviewQuery = (period: AnalyticsPeriod) => ({ period, segment_by: "plan", page: 1, page_size: 1 }) as const satisfies Partial<CrossTenantQuery>;
export const statusQuery = (period: AnalyticsPeriod) => ({ period, segment_by: "status", metrics: ["total_users"], page: 1, page_size: 1 }) as const satisfies Partial<CrossTenantQuery>;
export const topTenantsQuery = (period: AnalyticsPeriod, rank: Ranking) => ({ period, sort: rank, order: rankingOf(rank).order, page: 1, page_size: TOP_TENANTS }) as const satisfies Partial<CrossTenantQuery>;
export const healthSummaryQuery = { limit: WORST_TENANTS } as const;

type ReadQuery = Record<string, string | number | readonly string[]>;

/** One of those reads as the query string's fields, which the API route and the page's server render both hand to the service. */
export const crossTenantSearch = (q: ReadQuery): Record<string, string> => Object.fromEntries(Object.entries(q).map(([k, v]) => [k, Array.isArray(v) ? v.join(",") : String(v)]));

/** The /api/v1 address of one of those reads. */
export const crossTenantPath = (q: ReadQuery): string => `/api/v1/analytics/cross-tenant?${new URLSearchParams(crossTenantSearch(q))}`;
