import "server-only";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { withTenantScope } from "@/lib/db/scope";
import { asAppError } from "@/lib/http/errors";
import { getAlertThresholds } from "@/lib/limits/get-alert-thresholds";
import { tenantAuditListQuerySchema } from "@/lib/schemas/audit";
import type { UsagePeriod } from "@/lib/schemas/usage";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";
import { getTenantUsage } from "@/lib/tenants/get-tenant-usage";
import { readUsageSeries } from "@/lib/usage/read-usage";
import { USAGE_DASHBOARD_METERS, USAGE_MARKER_EVENT_TYPES, type UsageDashboardData } from "@/lib/usage/usage-dashboard-data";

/**
 * What the usage charts of one tenant and period are drawn from: the usage API's
 * answer (limits, unavailable metrics, least-squares fits; it authorises
 * usage:read), the rollup buckets of the charted meters over the same window,
 * the alert thresholds, and the plan, limit and status changes of the period
 * from the audit log when the caller may read it (otherwise no markers).
 */
export async function loadUsageDashboard(actor: TenantActor, tenantId: string, period: UsagePeriod): Promise<UsageDashboardData> {
  const usage = await getTenantUsage(actor, tenantId, { period, metrics: ["database", "storage", "api", "cache"], include_projections: true });
  const from = new Date(usage.from);
  const to = new Date(usage.to);
  // The same buckets the usage API fitted its projections to: hours up to a day, days beyond.
  const granularity = period === "1h" || period === "24h" ? "hour" : "day";
  const [series, thresholds, events] = await Promise.all([
    withTenantScope(tenantId, (tx) => readUsageSeries(tx, tenantId, { meters: [...USAGE_DASHBOARD_METERS], from, to, granularity })),
    getAlertThresholds(actor, tenantId),
    listAuditEvents(actor, { kind: "tenant", tenantId }, tenantAuditListQuerySchema.parse({ event_type: USAGE_MARKER_EVENT_TYPES.join(","), from: usage.from, limit: "200" })).then(
      (page) => page.items,
      (err: unknown) => {
        // No audit:read (or, for members, no audit_logs in the plan): the charts go without markers.
        if (asAppError(err)?.status === 403) return null;
        throw err;
      },
    ),
  ]);
  return { period, granularity, from: usage.from, to: usage.to, series, usage, thresholds, events };
}
