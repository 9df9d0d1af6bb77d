import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import type { CrossTenantAnalytics } from "@/lib/schemas/analytics";
import { fmtCount, fmtGb, fmtPercent, fmtRatio } from "./format";

type Kpi = { label: string; value: string; hint: ReactNode };

/** The platform's headline figures for the period; a figure nothing measured says so instead of showing 0. */
export function KpiGrid({ data }: { data: CrossTenantAnalytics }) {
  const m = data.aggregated_metrics;
  const unmeasured = "Not measured in this period";
  const kpis: Kpi[] = [
    { label: "Tenants", value: fmtCount(data.tenants_included), hint: "Included in these figures" },
    { label: "Members", value: fmtCount(m.total_users), hint: "Tenants' members in Atrium, now" },
    { label: "Active users", value: fmtCount(m.active_users), hint: "Reported active or signed in, last 30 days" },
    { label: "API calls", value: fmtCount(m.total_api_calls), hint: "Reported in the period" },
    { label: "Storage", value: fmtGb(m.total_storage_gb), hint: "Latest measurement" },
    { label: "Error rate", value: fmtRatio(data.platform_health.error_rate), hint: data.platform_health.error_rate === null ? unmeasured : "Errors per API call" },
    { label: "Uptime", value: fmtPercent(m.platform_uptime), hint: m.platform_uptime === null || m.platform_uptime === undefined ? unmeasured : "Schema reachable in health checks" },
  ];
  return (
    <section aria-label="Platform figures" className="grid grid-cols-2 gap-3 sm:grid-cols-4 xl:grid-cols-7" data-testid="analytics-kpis">
      {kpis.map((k) => (
        <Card key={k.label} className="min-w-0 p-4">
          <dl>
            <dt className="truncate text-xs font-medium text-slate-500">{k.label}</dt>
            <dd className="mt-1 truncate text-xl font-semibold tracking-tight text-slate-900 tabular-nums" data-testid={`kpi-${k.label.toLowerCase().replace(/\W+/g, "-")}`}>
              {k.value}
            </dd>
            <dd className="mt-0.5 text-xs text-slate-500">{k.hint}</dd>
          </dl>
        </Card>
      ))}
    </section>
  );
}
