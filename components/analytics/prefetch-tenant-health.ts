import "server-only";
import { QueryClient, dehydrate, type DehydratedState } from "@tanstack/react-query";
import { getTenantHealth } from "@/lib/health/get-tenant-health";
import { queryKeys } from "@/lib/query/keys";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";

/**
 * The Overview's health card, checked while the page renders so it arrives
 * filled in. A check that fails to run is left out: the card then asks the
 * API itself and shows that error in place, and the rest of the page is unharmed.
 */
export async function prefetchTenantHealth(actor: TenantActor, tenantId: string): Promise<DehydratedState> {
  const client = new QueryClient();
  const [health] = await Promise.allSettled([getTenantHealth(actor, tenantId)]);
  if (health.status === "fulfilled") client.setQueryData(queryKeys.analytics.tenantHealth(tenantId), health.value);
  return dehydrate(client);
}
