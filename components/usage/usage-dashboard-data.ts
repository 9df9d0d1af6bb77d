import type { UsagePeriod } from "@/lib/schemas/usage";

/** Query key of one tenant's usage charts for a period. */
export const usageDashboardKey = (tenantId: string, period: UsagePeriod) => ["usage-dashboard", tenantId, period] as const;
