"use client";

import { queryKeys } from "@/lib/query/keys";
import { useActionMutation } from "@/lib/query/use-action-mutation";

/** A tenant server action: tenant queries invalidated and the page's server data refreshed on success. */
export function useTenantMutation() {
  return useActionMutation(queryKeys.tenants.all, { refresh: true });
}
