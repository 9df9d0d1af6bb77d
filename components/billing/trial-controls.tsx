"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardFooter, CardHeader } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { TRIAL_END_ACTIONS, type PlanVersionView, type SubscriptionView, type TrialEndAction } from "@/lib/schemas/billing";
import { postApi } from "@/lib/query/fetch-api";
import { queryKeys } from "@/lib/query/keys";

const ACTION_LABELS: Record<TrialEndAction, string> = { convert: "Convert: continue on the plan, paid", downgrade: "Downgrade to Basic", suspend: "Suspend the tenant" };

/** Staff only (the console's Billing tab): start a trial of a plan, or change what happens when the running trial ends. */
export function TrialControls({ tenantId, plans, subscription, onNotice }: { tenantId: string; plans: PlanVersionView[]; subscription: SubscriptionView; onNotice: (m: string) => void }) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const trialing = subscription.status === "trialing";
  const [plan, setPlan] = useState(plans.at(-1)?.key ?? "enterprise");
  const [days, setDays] = useState("");
  const [action, setAction] = useState<TrialEndAction>(subscription.trial_end_action);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const chosen = plans.find((p) => p.key === plan);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setPending(true);
    setErrors({});
    setFailure(null);
    const path = `/api/v1/tenants/${tenantId}/subscription/trial`;
    const r = trialing
      ? await postApi(path, { trial_end_action: action }, { method: "PUT" })
      : await postApi(path, { plan, trial_end_action: action, ...(days.trim() ? { days: /^\d+$/.test(days.trim()) ? Number(days) : days } : {}) }, { idempotencyKey: crypto.randomUUID() });
    setPending(false);
    if (!r.ok) {
      setErrors(r.fieldErrors);
      if (!Object.keys(r.fieldErrors).length) setFailure(r.message);
      return;
    }
    await queryClient.invalidateQueries({ queryKey: queryKeys.billing.tenant(tenantId) });
    router.refresh();
    onNotice(trialing ? "Trial end action saved." : "Trial started.");
  }

  return (
    <Card>
      <form onSubmit={submit} noValidate aria-labelledby="trial-heading">
        <CardHeader id="trial-heading" title="Trial" description={trialing ? "A trial is running; choose what happens when it ends." : "Let the tenant try a plan free; owners and admins are reminded 7 days and 1 day before it ends."} />
        <CardBody className="grid gap-4 sm:grid-cols-3">
          {!trialing ? (
            <>
              <Field id="trial-plan" label="Plan" error={errors.plan}>
                {(a) => (
                  <Select {...a} value={plan} onChange={(e) => setPlan(e.target.value as typeof plan)}>
                    {plans.map((p) => (
                      <option key={p.key} value={p.key}>
                        {p.name}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
              <Field id="trial-days" label="Days" optional hint={chosen ? `The plan's default: ${chosen.trial_days}` : undefined} error={errors.days}>
                {(a) => <Input {...a} inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} />}
              </Field>
            </>
          ) : null}
          <Field id="trial-action" label="When the trial ends" error={errors.trial_end_action} className={trialing ? "sm:col-span-3" : undefined}>
            {(a) => (
              <Select {...a} value={action} onChange={(e) => setAction(e.target.value as TrialEndAction)}>
                {TRIAL_END_ACTIONS.map((x) => (
                  <option key={x} value={x}>
                    {ACTION_LABELS[x]}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          {failure ? (
            <Alert tone="danger" className="sm:col-span-3">
              {failure}
            </Alert>
          ) : null}
        </CardBody>
        <CardFooter>
          <Button type="submit" loading={pending}>
            {trialing ? "Save trial end action" : "Start trial"}
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
