"use client";

import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { formatCents } from "@/components/billing/money";
import { PlanChangeDialog } from "@/components/billing/plan-change-dialog";
import type { PlanVersionView, SubscriptionView } from "@/lib/schemas/billing";
import { FEATURE_LABELS, FEATURES, LIMIT_LABELS, PLANS } from "@/lib/tenants/plans";

const SHOWN_LIMITS = ["users", "storage_gb", "api_calls_per_day"] as const;
const limitText = (v: number | null) => (v === null ? "Unlimited" : v.toLocaleString("en-US"));

/** The catalogue's plans side by side, with Upgrade / Downgrade opening the proration preview. */
export function PlanComparison({ tenantId, plans, subscription, canChange, onNotice }: { tenantId: string; plans: PlanVersionView[]; subscription: SubscriptionView; canChange: boolean; onNotice: (m: string) => void }) {
  const [target, setTarget] = useState<{ plan: PlanVersionView; direction: "upgrade" | "downgrade" } | null>(null);
  const rank = (key: string) => PLANS.indexOf(key as (typeof PLANS)[number]);
  return (
    <Card>
      <CardHeader id="plans-heading" title="Plans" description="Compare the plans; a change applies now and the rest of this period is prorated to the day." />
      <CardBody>
        <ul className="grid gap-4 md:grid-cols-3" aria-labelledby="plans-heading">
          {plans.map((plan) => {
            const current = plan.key === subscription.plan;
            const direction = rank(plan.key) > rank(subscription.plan) ? "upgrade" : "downgrade";
            const features = FEATURES.filter((f) => plan.features[f]);
            return (
              <li key={plan.key} className={current ? "flex flex-col rounded-lg border-2 border-indigo-500 p-4" : "flex flex-col rounded-lg border border-slate-200 p-4"}>
                <div className="flex items-center justify-between gap-2">
                  <h3 className="text-sm font-semibold text-slate-900">{plan.name}</h3>
                  {current ? <Badge tone="indigo">Current</Badge> : null}
                </div>
                <p className="mt-1 text-xl font-semibold tabular-nums text-slate-900">
                  {formatCents(plan.price_monthly_cents, subscription.currency)}
                  <span className="text-sm font-normal text-slate-500"> / month</span>
                </p>
                <dl className="mt-3 space-y-1 text-[13px]">
                  {SHOWN_LIMITS.map((l) => (
                    <div key={l} className="flex justify-between gap-2">
                      <dt className="text-slate-600">{LIMIT_LABELS[l]}</dt>
                      <dd className="tabular-nums text-slate-900">{limitText(plan.limits[l])}</dd>
                    </div>
                  ))}
                </dl>
                <p className="mt-3 text-xs text-slate-600">{features.map((f) => FEATURE_LABELS[f]).join(" · ")}</p>
                <div className="mt-auto pt-4">
                  {current ? (
                    <p className="text-[13px] text-slate-600">{subscription.status === "trialing" ? "In trial" : "Your plan"}</p>
                  ) : canChange ? (
                    <Button variant={direction === "upgrade" ? "primary" : "secondary"} size="sm" onClick={() => setTarget({ plan, direction })} aria-label={`${direction === "upgrade" ? "Upgrade" : "Downgrade"} to ${plan.name}`}>
                      {direction === "upgrade" ? "Upgrade" : "Downgrade"}
                    </Button>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      </CardBody>
      {target ? (
        <PlanChangeDialog
          tenantId={tenantId}
          plan={target.plan}
          direction={target.direction}
          onClose={() => setTarget(null)}
          onDone={(m) => {
            setTarget(null);
            onNotice(m);
          }}
        />
      ) : null}
    </Card>
  );
}
