import type { ListTenantsQuery } from "@/lib/schemas/tenant";

/** Tenant list filters as the console keeps them (the URL's query string). */
export type TenantListParams = Pick<ListTenantsQuery, "page" | "page_size" | "sort" | "order"> & Partial<Pick<ListTenantsQuery, "search" | "status" | "plan">>;

/**
 * Every TanStack Query key of the console comes from here, so a mutation can
 * invalidate by prefix: `queryKeys.tenants.all` covers lists and details.
 */
export const queryKeys = {
  tenants: {
    all: ["tenants"] as const,
    lists: () => [...queryKeys.tenants.all, "list"] as const,
    list: (params: TenantListParams) => [...queryKeys.tenants.lists(), params] as const,
    details: () => [...queryKeys.tenants.all, "detail"] as const,
    detail: (id: string) => [...queryKeys.tenants.details(), id] as const,
  },
};
