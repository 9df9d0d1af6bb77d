"use client";

import { useQuery } from "@tanstack/react-query";
import type { BillingPanelData } from "@/lib/billing/load-billing-panel";
import { loadBillingPanelAction } from "@/lib/actions/billing-actions";
import { unwrapAction } from "@/components/members/use-member-mutation";
import { queryKeys } from "@/lib/query/keys";

/** The Billing panel's live data: the server's first read, then refetched after each change (invalidated by queryKeys.billing.tenant). */
export function useBilling(tenantId: string, initial: BillingPanelData): BillingPanelData {
  const { data } = useQuery({
    queryKey: queryKeys.billing.tenant(tenantId),
    // A server action, so the portal (whose host's API takes only tenant keys) and the console read it alike.
    queryFn: () => unwrapAction(loadBillingPanelAction(tenantId)),
    initialData: initial,
    staleTime: 30_000,
  });
  return data;
}
