"use client";

import { useQuery } from "@tanstack/react-query";
import type { BillingPanelData } from "@/lib/billing/load-billing-panel";
import type { BillingOverview } from "@/lib/billing/subscriptions/get-billing";
import type { UsageQuota } from "@/lib/billing/subscriptions/get-usage-quotas";
import { fetchApi } from "@/lib/query/fetch-api";
import { queryKeys } from "@/lib/query/keys";

/** The Billing panel's live data: the server's first read, then refetched after each change (invalidated by queryKeys.billing.tenant). */
export function useBilling(tenantId: string, initial: BillingPanelData): BillingPanelData {
  const { data } = useQuery({
    queryKey: queryKeys.billing.tenant(tenantId),
    queryFn: async ({ signal }) => {
      const [billing, quotas] = await Promise.all([
        fetchApi<BillingOverview>(`/api/v1/tenants/${tenantId}/billing`, { signal }),
        fetchApi<{ quotas: UsageQuota[] }>(`/api/v1/tenants/${tenantId}/usage-quotas`, { signal }),
      ]);
      return { ...initial, billing, quotas: quotas.quotas };
    },
    initialData: initial,
    staleTime: 30_000,
  });
  return data;
}
