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

/** What the Limits tab shows beside the limits: usage now against each one, and the alert thresholds. */
export type LimitsUsage = { limits: UsageResponse["limits"]; thresholds: AlertThresholds };

/**
 * The meters the usage dashboard charts (components/usage/usage-chart-specs.ts
 * draws from exactly these; a unit test keeps the two in step), read by the
 * server loader without importing the chart definitions.
 */
export const USAGE_DASHBOARD_METERS = [
  "api_calls",
  "error",
  "atrium_api_calls",
  "response_time_ms",
  "bandwidth_bytes",
  "storage_bytes",
  "members",
  "active_members",
  "db_connections",
] as const;

/** The audit events that change what a tenant may use, asked of the audit log by type and drawn as chart markers. */
export const USAGE_MARKER_EVENT_TYPES = ["tenant.updated", "tenant.suspended", "tenant.reactivated", "tenant.archived", "resources.scaled"] as const;

/** The period each chart set opens on: a week of daily points, enough for a trend. */
export const DEFAULT_USAGE_PERIOD: UsagePeriod = "7d";
