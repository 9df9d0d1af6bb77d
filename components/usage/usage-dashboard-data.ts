import type { AuditEventItem } from "@/lib/schemas/audit";
import type { AlertThresholds } from "@/lib/schemas/limits";
import type { UsagePeriod, UsageResponse } from "@/lib/schemas/usage";

/** One bucket of a meter's rollup (t: the bucket's start). */
export type SeriesBucket = { t: string; sum: number; count: number; min: number; max: number };

/** Everything the usage charts of one tenant and period are drawn from, as the server loader and the server action return it. */
export type UsageDashboardData = {
  period: UsagePeriod;
  granularity: "hour" | "day";
  from: string;
  to: string;
  /** Per meter, its buckets in the period (oldest first); a meter with nothing reported has an empty list. */
  series: Record<string, SeriesBucket[]>;
  /** GET …/usage with projections: limits, unavailable metrics, least-squares fits. */
  usage: UsageResponse;
  thresholds: AlertThresholds;
  /** Plan, limit and status changes in the period; null when the caller may not read the audit log. */
  events: AuditEventItem[] | null;
};

/** Query key of one tenant's usage charts for a period. */
export const usageDashboardKey = (tenantId: string, period: UsagePeriod) => ["usage-dashboard", tenantId, period] as const;

/** The period each chart set opens on: a week of daily points, enough for a trend. */
export const DEFAULT_USAGE_PERIOD: UsagePeriod = "7d";
