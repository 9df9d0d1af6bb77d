"use client";

import { useQuery } from "@tanstack/react-query";
import { BillingPanel } from "@/components/billing/billing-panel";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import type { BillingPanelData } from "@/lib/billing/load-billing-panel";
import type { BillingOverview } from "@/lib/billing/subscriptions/get-billing";
import type { UsageQuota } from "@/lib/billing/subscriptions/get-usage-quotas";
import type { PlanVersionView } from "@/lib/schemas/billing";
import { fetchApi } from "@/lib/query/fetch-api";
import { queryKeys } from "@/lib/query/keys";

/** The console tenant's Billing tab: the server's read when the page opened on it, else read when the tab is chosen. */
export function BillingTab({ tenantId, initial, canChange, onNotice }: { tenantId: string; initial?: BillingPanelData; canChange: boolean; onNotice: (m: string) => void }) {
  const query = useQuery({
    queryKey: [...queryKeys.billing.tenant(tenantId), "first"],
    queryFn: async ({ signal }): Promise<BillingPanelData> => {
      const [billing, quotas, plans] = await Promise.all([
        fetchApi<BillingOverview>(`/api/v1/tenants/${tenantId}/billing`, { signal }),
        fetchApi<{ quotas: UsageQuota[] }>(`/api/v1/tenants/${tenantId}/usage-quotas`, { signal }),
        fetchApi<{ plans: PlanVersionView[] }>("/api/v1/plans", { signal }),
      ]);
      return { billing, quotas: quotas.quotas, plans: plans.plans };
    },
    initialData: initial,
    enabled: !initial,
  });
  if (query.data) return <BillingPanel tenantId={tenantId} scope="console" initial={query.data} canChange={canChange} onNotice={onNotice} />;
  if (query.isError) {
    return (
      <Alert tone="danger" title="Could not load billing" actions={<Button size="sm" variant="secondary" onClick={() => query.refetch()}>Retry</Button>}>
        {query.error.message}
      </Alert>
    );
  }
  return <Skeleton className="h-96 w-full" />;
}
