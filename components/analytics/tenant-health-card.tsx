"use client";

import { useQuery } from "@tanstack/react-query";
import { HealthBadge } from "@/components/analytics/health-badge";
import { HEALTH_CHECKS } from "@/components/analytics/health-checks";
import { Sparkline } from "@/components/analytics/sparkline";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { fetchApi } from "@/lib/query/fetch-api";
import { queryKeys } from "@/lib/query/keys";
import type { TenantHealth } from "@/lib/schemas/analytics";

const CHECK_TONE = { pass: "green", warning: "amber", fail: "red" } as const;
const CHECK_LABEL = { pass: "Pass", warning: "Warning", fail: "Fail" } as const;

/**
 * The tenant's health checks in brief: the score, what is not passing and what
 * to do about it, with every check one click away. Read through the same API as
 * scripts (GET …/health); the page hands over the first answer when it had it.
 */
export function TenantHealthCard({ tenantId }: { tenantId: string }) {
  const query = useQuery({
    queryKey: queryKeys.analytics.tenantHealth(tenantId),
    queryFn: ({ signal }) => fetchApi<TenantHealth>(`/api/v1/tenants/${tenantId}/health`, { signal }),
  });
  const h = query.data;
  const problems = h?.checks.filter((c) => c.status !== "pass") ?? [];
  return (
    <Card data-testid="tenant-health-card">
      <CardHeader
        title="Health"
        description={h ? `${h.checks.length - problems.length} of ${h.checks.length} checks pass` : "Checking…"}
        actions={h ? <HealthBadge health={{ score: h.health_score, status: h.status }} /> : null}
      />
      <CardBody className="space-y-4 text-[13px]">
        {query.isError && !h ? (
          <div className="flex items-center justify-between gap-3">
            <p className="text-slate-600">Could not check the tenant&apos;s health: {query.error.message}</p>
            <Button size="sm" variant="secondary" onClick={() => query.refetch()}>
              Retry
            </Button>
          </div>
        ) : !h ? (
          <div className="space-y-2" aria-hidden="true">
            <Skeleton className="h-3.5 w-64" />
            <Skeleton className="h-3.5 w-48" />
          </div>
        ) : (
          <>
            {problems.length ? (
              <ul className="space-y-2" aria-label="Checks not passing">
                {problems.map((c) => (
                  <li key={c.name} className="flex items-start gap-2">
                    <Badge tone={CHECK_TONE[c.status]}>{CHECK_LABEL[c.status]}</Badge>
                    <span>
                      <span className="font-medium text-slate-900">{HEALTH_CHECKS[c.name].label}</span>
                      <span className="text-slate-600"> · {c.detail}</span>
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-slate-600">Every check passes.</p>
            )}
            {h.recommendations.length ? (
              <div>
                <h3 className="text-xs font-medium text-slate-500">Recommendations</h3>
                <ul className="mt-1 list-disc space-y-1 pl-5 text-slate-700">
                  {h.recommendations.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              </div>
            ) : null}
            {h.history.length > 1 ? (
              <div className="flex items-center gap-3 text-xs text-slate-500">
                <span>Daily score</span>
                <Sparkline values={h.history.map((d) => d.score)} label="Health score per day" width={140} color="#059669" />
              </div>
            ) : null}
            <details className="group">
              <summary className="cursor-pointer rounded-sm font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">All {h.checks.length} checks</summary>
              <ul className="mt-2 max-w-3xl divide-y divide-slate-100" data-testid="health-checks">
                {h.checks.map((c) => (
                  <li key={c.name} className="grid grid-cols-[minmax(0,1fr)_auto] items-start gap-x-3 gap-y-0.5 py-2">
                    <span className="font-medium text-slate-900">{HEALTH_CHECKS[c.name].label}</span>
                    <span className="text-right">
                      <Badge tone={CHECK_TONE[c.status]}>{CHECK_LABEL[c.status]}</Badge>
                    </span>
                    <span className="text-slate-600">{c.detail}</span>
                    <span className="text-right text-xs text-slate-500 tabular-nums">
                      {c.score} / {c.weight} pts
                    </span>
                  </li>
                ))}
              </ul>
            </details>
          </>
        )}
      </CardBody>
    </Card>
  );
}
