import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { AlertThresholds } from "@/lib/schemas/limits";
import type { UsageResponse } from "@/lib/schemas/usage";

const n = (v: number, unit = "") => `${v.toLocaleString("en-US")}${unit}`;
const UNLIMITED = "This organisation has no limit here: nothing is refused for volume, and no alert is raised.";

/**
 * What happens as the tenant nears and passes each limit, in plain words and
 * with the tenant's own numbers: the alert thresholds, then what is refused.
 */
export function LimitConsequences({ limits, thresholds, gracePercent = 10 }: { limits: UsageResponse["limits"]; thresholds: AlertThresholds; gracePercent?: number }) {
  const items: { title: string; body: string }[] = [
    {
      title: `At ${thresholds.warning_percent} % of a limit`,
      body: "The organisation's owners and admins get a warning email, and a notice appears at the top of this portal. Each crossing is announced once per period.",
    },
    { title: `At ${thresholds.critical_percent} %`, body: "A second, more urgent email and notice." },
    {
      title: limits.api_calls_daily.limit === null ? "API calls: no daily limit" : `API calls over ${n(limits.api_calls_daily.limit)} a day`,
      body: limits.api_calls_daily.limit === null ? UNLIMITED : `Once the day's calls pass the limit plus a ${gracePercent} % grace margin, calls made with this organisation's API keys are answered 429 tenant_limit_exceeded until the next UTC day or until the limit is raised. Usage your product reports is still recorded.`,
    },
    {
      title: limits.storage_gb.limit === null ? "Storage: no quota" : `Storage over ${n(limits.storage_gb.limit, " GB")}`,
      body: limits.storage_gb.limit === null ? UNLIMITED : "New uploads are refused with 429 storage_quota_exceeded until storage falls below the quota or the quota is raised. Existing files stay available.",
    },
    {
      title: limits.database_connections.limit === null ? "Database connections: no cap" : `More than ${n(limits.database_connections.limit)} database connections`,
      body: limits.database_connections.limit === null ? UNLIMITED : "The organisation's database role cannot open more connections than its limit; an extra connection is refused (connection_pool_full) until another one closes.",
    },
    {
      title: limits.users.limit === null ? "Seats: unlimited" : `Seats: ${n(limits.users.limit)}`,
      body: limits.users.limit === null ? UNLIMITED : "When every seat is taken, new invitations are refused until a member leaves or the seat limit is raised.",
    },
  ];
  return (
    <Card data-testid="limit-consequences">
      <CardHeader title="What happens at each limit" description={`Alerts, and what is refused while automatic enforcement is on (the default; Atrium's staff can turn it off for an organisation). Exceeded counts from ${thresholds.exceeded_percent} % of a limit.`} />
      <CardBody>
        <dl className="grid gap-x-8 gap-y-4 md:grid-cols-2">
          {items.map((i) => (
            <div key={i.title} className="min-w-0">
              <dt className="text-[13px] font-semibold text-slate-900">{i.title}</dt>
              <dd className="mt-1 text-[13px] leading-5 text-slate-600">{i.body}</dd>
            </div>
          ))}
        </dl>
      </CardBody>
    </Card>
  );
}
