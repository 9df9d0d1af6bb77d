import "server-only";
import { QueryClient, dehydrate, type DehydratedState } from "@tanstack/react-query";
import type { Caller } from "@/lib/auth/caller";
import { getHealthSummary } from "@/lib/health/get-health-summary";
import { queryKeys } from "@/lib/query/keys";
import { healthSummaryQuery, type AnalyticsPageParams } from "./analytics-params";

/**
 * Every read of the page's first screen, done by the services the API routes
 * call (same parsing, same answers), so the page arrives with its figures and
 * the client's queries start out filled.
 */
export async function prefetchAnalytics(caller: Caller, params: AnalyticsPageParams): Promise<DehydratedState> {
  void params;
  const client = new QueryClient();
  const [health] = await Promise.all([getHealthSummary(caller, { limit: String(healthSummaryQuery.limit) })]);
  client.setQueryData(queryKeys.analytics.healthSummary(healthSummaryQuery), health);
  return dehydrate(client);
}
