import "server-only";
import { QueryClient, dehydrate, type DehydratedState } from "@tanstack/react-query";
import { getCrossTenantAnalytics } from "@/lib/analytics/get-cross-tenant-analytics";
import type { Caller } from "@/lib/auth/caller";
import { getHealthSummary } from "@/lib/health/get-health-summary";
import { queryKeys } from "@/lib/query/keys";
import { crossTenantSearch, healthSummaryQuery, overviewQuery, statusQuery, topTenantsQuery, type AnalyticsPageParams } from "./analytics-params";

/**
 * Every read of the page's first screen, done by the services the API routes
 * call with the same query fields (same parsing, same answers), so the page
 * arrives with its figures and the client's queries start out filled.
 */
export async function prefetchAnalytics(caller: Caller, params: AnalyticsPageParams): Promise<DehydratedState> {
  const client = new QueryClient();
  const cross = [overviewQuery(params.period), statusQuery(params.period), topTenantsQuery(params.period, params.rank)];
  const now = new Date();
  const [health, ...answers] = await Promise.all([getHealthSummary(caller, { limit: String(healthSummaryQuery.limit) }, now), ...cross.map((q) => getCrossTenantAnalytics(caller, crossTenantSearch(q), now))]);
  client.setQueryData(queryKeys.analytics.healthSummary(healthSummaryQuery), health);
  cross.forEach((q, i) => client.setQueryData(queryKeys.analytics.crossTenant(q), answers[i]));
  return dehydrate(client);
}
