"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardFooter, CardHeader } from "@/components/ui/card";
import { HydratedForm } from "@/components/ui/hydrated-form";
import { Field, Input } from "@/components/ui/input";
import { updateAlertThresholdsAction } from "@/lib/actions/limit-actions";
import { useActionMutation } from "@/lib/query/use-action-mutation";
import { LIMIT_RESOURCE_LABELS, type AlertThresholds, type LimitResource } from "@/lib/schemas/limits";
import { limitsUsageKey } from "./limits-usage";

const LEVELS = [
  { key: "warning_percent", label: "Warning at", hint: "An email to the owners and admins, and a notice in the portal" },
  { key: "critical_percent", label: "Critical at", hint: "A second, more urgent email and notice" },
  { key: "exceeded_percent", label: "Exceeded at", hint: "Counts as over the limit: enforcement starts past the grace margin" },
] as const;
type LevelKey = (typeof LEVELS)[number]["key"];
type Draft = Record<LevelKey, string>;

const toDraft = (t: AlertThresholds): Draft => ({ warning_percent: String(t.warning_percent), critical_percent: String(t.critical_percent), exceeded_percent: String(t.exceeded_percent) });

/**
 * The tenant's alert thresholds (percent of each limit), editable by whoever may
 * change the tenant. The server's 400 names the field that breaks the order
 * (warning < critical < exceeded); it shows under that field and nothing is saved.
 */
export function AlertThresholdsCard({ tenantId, thresholds, editable, readOnlyReason, onSaved }: { tenantId: string; thresholds: AlertThresholds; editable: boolean; readOnlyReason?: string; onSaved?: (message: string) => void }) {
  const [draft, setDraft] = useState<Draft>(() => toDraft(thresholds));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const { pending, failure, setFailure, run } = useActionMutation(limitsUsageKey(tenantId));
  const saved = toDraft(thresholds);
  const dirty = LEVELS.some((l) => draft[l.key] !== saved[l.key]);
  const errors = { ...failure?.fieldErrors, ...localErrors };
  const overrides = Object.entries(thresholds.overrides) as [LimitResource, AlertThresholds["overrides"][LimitResource]][];

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    const values = Object.fromEntries(
      LEVELS.map((l) => {
        const n = Number(draft[l.key].trim());
        if (draft[l.key].trim() === "" || !Number.isFinite(n)) errs[l.key] = "Enter a percentage, e.g. 80";
        return [l.key, n];
      }),
    );
    setLocalErrors(errs);
    if (Object.keys(errs).length) return;
    // The stored per-resource overrides are kept as they are: this form edits the tenant-wide levels.
    run(() => updateAlertThresholdsAction(tenantId, { ...values, overrides: thresholds.overrides }), (t) => {
      setDraft(toDraft(t));
      onSaved?.("Alert thresholds saved");
    });
  };

  return (
    <HydratedForm onSubmit={onSubmit} noValidate data-testid="alert-thresholds-form">
      <Card>
        <CardHeader
          title="Alert thresholds"
          description={thresholds.customised ? "Percent of each limit at which the tenant's owners and admins are alerted." : "Percent of each limit at which the tenant's owners and admins are alerted. The defaults apply until you change them."}
        />
        <CardBody className="py-5">
          {failure && !Object.keys(failure.fieldErrors).length ? (
            <Alert tone="danger" title="Thresholds not saved" className="mb-4">
              {failure.message}
            </Alert>
          ) : null}
          <div className="grid gap-x-6 gap-y-5 sm:grid-cols-3">
            {LEVELS.map((l) => (
              <Field key={l.key} id={`thresholds-${l.key}`} label={l.label} hint={l.hint} error={errors[l.key]}>
                {(a) => (
                  <div className="flex items-center gap-2">
                    <Input
                      {...a}
                      name={l.key}
                      type="number"
                      inputMode="decimal"
                      min={1}
                      max={1000}
                      step="any"
                      disabled={!editable}
                      value={draft[l.key]}
                      onChange={(e) => setDraft({ ...draft, [l.key]: e.target.value })}
                      className="tabular-nums"
                    />
                    <span className="text-[13px] text-slate-500" aria-hidden="true">
                      %
                    </span>
                  </div>
                )}
              </Field>
            ))}
          </div>
          {overrides.length ? (
            <div className="mt-5 text-[13px] text-slate-600">
              <p className="font-medium text-slate-700">Set per resource (through the API)</p>
              <ul className="mt-1 list-disc pl-5">
                {overrides.map(([r, o]) => (o ? <li key={r}>{`${LIMIT_RESOURCE_LABELS[r]}: warning ${o.warning_percent}%, critical ${o.critical_percent}%, exceeded ${o.exceeded_percent}%`}</li> : null))}
              </ul>
            </div>
          ) : null}
        </CardBody>
        {editable ? (
          <CardFooter className="justify-between">
            <p className="text-xs text-slate-500">{dirty ? "You have unsaved changes." : thresholds.updated_at ? "All changes saved." : "Defaults: 80 %, 95 %, 100 %."}</p>
            <div className="flex gap-2">
              <Button
                variant="secondary"
                disabled={!dirty || pending}
                onClick={() => {
                  setDraft(saved);
                  setLocalErrors({});
                  setFailure(null);
                }}
              >
                Discard
              </Button>
              <Button type="submit" disabled={!dirty} loading={pending}>
                {pending ? "Saving…" : "Save thresholds"}
              </Button>
            </div>
          </CardFooter>
        ) : (
          <CardFooter className="justify-start text-xs text-slate-500">{readOnlyReason ?? "Read-only: your role cannot change the thresholds."}</CardFooter>
        )}
      </Card>
    </HydratedForm>
  );
}
