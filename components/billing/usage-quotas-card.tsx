import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { UsageBar } from "@/components/ui/usage-bar";
import type { UsageQuota } from "@/lib/billing/subscriptions/get-usage-quotas";

/** Each limit the plan (plus add-ons) sets and what is used of it; limits nothing measures are listed without a bar. */
export function UsageQuotasCard({ quotas }: { quotas: UsageQuota[] }) {
  return (
    <Card>
      <CardHeader id="quotas-heading" title="Usage against your limits" description="Plan limits plus add-ons." />
      <CardBody>
        <ul className="grid gap-4 sm:grid-cols-2" aria-labelledby="quotas-heading">
          {quotas.map((q) => (
            <li key={q.limit}>
              <p className="mb-1 text-[13px] font-medium text-slate-700">
                {q.label}
                {q.add_on ? <span className="font-normal text-slate-500"> (incl. {q.add_on.toLocaleString("en-US")} add-on)</span> : null}
              </p>
              {q.used === null ? (
                <p className="text-[13px] text-slate-600">Limit {q.limit_value === null ? "unlimited" : q.limit_value.toLocaleString("en-US")} · not metered here</p>
              ) : (
                <UsageBar current={q.used} limit={q.limit_value} label={`${q.label} used`} />
              )}
            </li>
          ))}
        </ul>
      </CardBody>
    </Card>
  );
}
