"use client";

import { useState, type FormEvent } from "react";
import { draftToLimits, LimitsEditor, limitsToDraft, type LimitDraft } from "@/components/console/limits-editor";
import { PlanPicker } from "@/components/console/plan-picker";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardFooter, CardHeader } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { HydratedFieldset, HydratedForm } from "@/components/ui/hydrated-form";
import { PLAN_DEFINITIONS, type Plan } from "@/lib/tenants/plans";
import { updateTenantAction } from "../tenant-actions";
import { ReadOnlyNote, SaveFailure, SaveFooter } from "./save-footer";
import { useTenantDraft } from "./tenant-drafts";
import type { TenantDetail } from "./types";
import { useTenantMutation } from "./use-tenant-mutation";

type Props = { tenant: TenantDetail; etag: string; editable: boolean; readOnlyReason: string; onSaved: (etag: string, message: string) => void };

export function LimitsTab(props: Props) {
  return (
    <div className="space-y-6">
      <PlanCard {...props} />
      <LimitsCard {...props} />
    </div>
  );
}

function PlanCard({ tenant, etag, editable, readOnlyReason, onSaved }: Props) {
  const current = tenant.tenant.plan as Plan;
  const { value: plan, set: setPlan, discard, markSaved } = useTenantDraft<Plan>("plan", current);
  const [confirming, setConfirming] = useState(false);
  const { pending, failure, run } = useTenantMutation();
  const next = PLAN_DEFINITIONS[plan];

  const apply = () =>
    run(
      () => updateTenantAction(tenant.tenant.id, etag, { plan }),
      (d) => {
        setConfirming(false);
        markSaved();
        onSaved(d.etag, `Plan changed to ${next.label}`);
      },
    );

  return (
    <Card>
      <CardHeader title="Plan" description="The subscription tier. Its defaults decide the limits and features below." />
      <CardBody className="py-5">
        <SaveFailure failure={confirming ? null : failure} />
        <HydratedFieldset>
          <PlanPicker name="tenant-plan" value={plan} onChange={setPlan} current={current} disabled={!editable} />
        </HydratedFieldset>
        {editable ? (
          <Alert tone="info" className="mt-4">
            Changing the plan resets this tenant&apos;s limits and features to the new plan&apos;s defaults. Custom values are replaced.
          </Alert>
        ) : null}
      </CardBody>
      {editable ? (
        <CardFooter>
          <Button variant="secondary" disabled={plan === current || pending} onClick={discard}>
            Discard
          </Button>
          <Button disabled={plan === current} onClick={() => setConfirming(true)}>
            Change plan
          </Button>
        </CardFooter>
      ) : (
        <ReadOnlyNote reason={readOnlyReason} />
      )}
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={`Change plan to ${next.label}?`}
        description={
          <>
            {tenant.tenant.name} moves from {PLAN_DEFINITIONS[current].label} to {next.label} ({next.priceMonthly}
            {next.priceMonthly.startsWith("$") ? " a month" : " pricing"}). Its limits and features reset to the {next.label} defaults; any custom limits or feature
            toggles are replaced.
          </>
        }
        footer={
          <>
            <Button variant="secondary" onClick={() => setConfirming(false)} disabled={pending}>
              Cancel
            </Button>
            <Button onClick={apply} loading={pending}>
              Change plan
            </Button>
          </>
        }
      >
        <SaveFailure failure={failure} />
      </Dialog>
    </Card>
  );
}

function LimitsCard({ tenant, etag, editable, readOnlyReason, onSaved }: Props) {
  const { value: draft, set: setDraft, dirty, discard, markSaved } = useTenantDraft<LimitDraft>("limits", limitsToDraft(tenant.limits));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const { pending, failure, setFailure, run } = useTenantMutation();
  const defaults = PLAN_DEFINITIONS[tenant.tenant.plan as Plan]?.limits;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const { limits, errors } = draftToLimits(draft, "limits");
    setLocalErrors(errors);
    if (Object.keys(errors).length) return;
    run(() => updateTenantAction(tenant.tenant.id, etag, { limits }), (d) => {
      markSaved();
      onSaved(d.etag, "Limits saved");
    });
  };

  return (
    <HydratedForm onSubmit={onSubmit} noValidate>
      <Card>
        <CardHeader title="Resource limits" description="Maximums for this tenant. Unlimited removes the cap." />
        <CardBody className="py-5">
          <SaveFailure failure={failure} />
          <LimitsEditor value={draft} onChange={setDraft} errors={{ ...failure?.fieldErrors, ...localErrors }} pathPrefix="limits" defaults={defaults} disabled={!editable} />
        </CardBody>
        {editable ? (
          <SaveFooter
            dirty={dirty}
            pending={pending}
            saveLabel="Save limits"
            onDiscard={() => {
              discard();
              setLocalErrors({});
              setFailure(null);
            }}
          />
        ) : (
          <ReadOnlyNote reason={readOnlyReason} />
        )}
      </Card>
    </HydratedForm>
  );
}
