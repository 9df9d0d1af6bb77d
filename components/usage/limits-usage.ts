import type { AlertThresholds } from "@/lib/schemas/limits";
import type { UsageResponse } from "@/lib/schemas/usage";

/** What the Limits tab shows beside the limits: usage now against each one, and the alert thresholds. */
export type LimitsUsage = { limits: UsageResponse["limits"]; thresholds: AlertThresholds };

export const limitsUsageKey = (tenantId: string) => ["limits-usage", tenantId] as const;
