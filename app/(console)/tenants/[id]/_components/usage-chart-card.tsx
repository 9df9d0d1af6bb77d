"use client";

import { useState } from "react";
import { UsageHistoryChart } from "@/components/charts/usage-history-chart";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import type { UsageDay } from "@/lib/tenants/get-usage-history";
import type { Limits } from "@/lib/tenants/plans";

const METRICS = [
  { key: "api_calls", label: "API calls", unit: "", limit: (l: Limits) => l.api_calls_per_day, color: "#4f46e5" },
  { key: "storage_gb", label: "Storage", unit: "GB", limit: (l: Limits) => l.storage_gb, color: "#0891b2" },
  { key: "users", label: "Users", unit: "", limit: (l: Limits) => l.users, color: "#7c3aed" },
  { key: "db_connections", label: "DB connections", unit: "", limit: (l: Limits) => l.database_connections, color: "#059669" },
  { key: "bandwidth_gb", label: "Bandwidth", unit: "GB", limit: () => null, color: "#d97706" },
] as const;

type MetricKey = (typeof METRICS)[number]["key"];

/** The last 90 days of tenant_usage_daily, one metric at a time. */
export function UsageChartCard({ history, limits }: { history: UsageDay[]; limits: Limits }) {
  const [metric, setMetric] = useState<MetricKey>("api_calls");
  const m = METRICS.find((x) => x.key === metric)!;
  const data = history.map((d) => ({ day: d.day, value: d[metric] }));
  return (
    <Card>
      <CardHeader
        title="Usage history"
        description={history.length ? `Daily figures for the last ${history.length} days` : "Daily figures appear once the tenant is in use"}
        actions={
          history.length ? (
            <div role="radiogroup" aria-label="Metric" className="flex flex-wrap gap-1 rounded-lg bg-slate-100 p-0.5">
              {METRICS.map((x) => (
                <button
                  key={x.key}
                  type="button"
                  role="radio"
                  aria-checked={metric === x.key}
                  onClick={() => setMetric(x.key)}
                  className={cn(
                    "rounded-md px-2.5 py-1 text-xs font-medium transition-colors focus-visible:outline-2 focus-visible:outline-indigo-600",
                    metric === x.key ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900",
                  )}
                >
                  {x.label}
                </button>
              ))}
            </div>
          ) : null
        }
      />
      <CardBody>
        {history.length ? (
          <UsageHistoryChart data={data} label={m.label} unit={m.unit || undefined} limit={m.limit(limits)} color={m.color} />
        ) : (
          <EmptyState title="No usage recorded yet" description="Usage is measured once a day; the chart fills in from the first measurement." />
        )}
      </CardBody>
    </Card>
  );
}
