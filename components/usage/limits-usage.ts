export const limitsUsageKey = (tenantId: string) => ["limits-usage", tenantId] as const;
