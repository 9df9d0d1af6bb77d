"use client";

import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { draftToLimits, LimitsEditor, limitsToDraft, type LimitDraft } from "@/components/console/limits-editor";
import { PlanPicker } from "@/components/console/plan-picker";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardFooter, CardHeader } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { HydratedFieldset, HydratedForm } from "@/components/ui/hydrated-form";
import { AlertThresholdsCard } from "@/components/usage/alert-thresholds-card";
import { limitsUsageKey } from "@/components/usage/limits-usage";
import type { LimitsUsage } from "@/lib/usage/usage-dashboard-data";
import { limitsUsageAction } from "@/lib/actions/usage-actions";
import { PLAN_DEFINITIONS, type Plan } from "@/lib/tenants/plans";
import { updateTenantAction } from "../tenant-actions";
import { ReadOnlyNote, SaveFailure, SaveFooter } from "./save-footer";
import { useTenantDraft } from "./tenant-drafts";
import type { TenantDetail } from "./types";
import { useTenantMutation } from "./use-tenant-mutation";

type Props = { tenant: TenantDetail; etag: string; editable: boolean; readOnlyReason: string; onSaved: (etag: string, message: string) => void };

/** Usage against the limits and the thresholds: read on the server when the page opens on this tab, else fetched when it is chosen. */
function useLimitsUsage(tenantId: string, initial: LimitsUsage | undefined) {
  return useQuery({
    queryKey: limitsUsageKey(tenantId),
    queryFn: async () => {
      const r = await limitsUsageAction(tenantId);
      if (!r.ok) throw new Error(r.message);
      return r.data;
    },
    initialData: initial,
    staleTime: 60_000,
  });
}

export function LimitsTab({ limitsUsage, onNotice, ...props }: Props & { limitsUsage?: LimitsUsage; onNotice: (message: string) => void }) {
  const q = useLimitsUsage(props.tenant.tenant.id, limitsUsage);
  return (
    <div className="space-y-6">
      <PlanCard {...props} />
      <LimitsCard {...props} usage={q.data} />
      {q.data ? (
        <AlertThresholdsCard tenantId={props.tenant.tenant.id} thresholds={q.data.thresholds} editable={props.editable} readOnlyReason={props.readOnlyReason} onSaved={onNotice} />
      ) : q.isError ? (
        <Alert tone="danger" title="Usage and alert thresholds could not be loaded">
          {q.error.message}
        </Alert>
      ) : null}
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
          <DialogActions onCancel={() => setConfirming(false)} pending={pending}>
            <Button onClick={apply} loading={pending}>
              Change plan
            </Button>
          </DialogActions>
        }
      >
        <SaveFailure failure={failure} />
      </Dialog>
    </Card>
  );
}

function LimitsCard({ tenant, etag, editable, readOnlyReason, onSaved, usage }: Props & { usage?: LimitsUsage }) {
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
        <CardHeader title="Resource limits" description={`Maximums for this tenant. Unlimited removes the cap.${usage ? " The bars show what the tenant uses now against each limit as entered." : ""}`} />
        <CardBody className="py-5">
          <SaveFailure failure={failure} />
          <LimitsEditor value={draft} onChange={setDraft} errors={{ ...failure?.fieldErrors, ...localErrors }} pathPrefix="limits" defaults={defaults} disabled={!editable} usage={usage ? limitUsage(usage) : undefined} />
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

/** The usage API's figures under the names of the limits they are measured against. */
const limitUsage = (u: LimitsUsage) => ({
  users: { current: u.limits.users.current, label: "Seats taken" },
  storage_gb: { current: u.limits.storage_gb.current, unit: "GB", label: "Storage used" },
  api_calls_per_day: { current: u.limits.api_calls_daily.current, label: "Calls made today" },
  database_connections: { current: u.limits.database_connections.current, label: "Connections open" },
});
