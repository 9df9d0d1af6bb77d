"use client";

import { useState, type FormEvent } from "react";
import { FeaturesEditor } from "@/components/console/features-editor";
import { draftToLimits, LimitsEditor, limitsToDraft, type LimitDraft } from "@/components/console/limits-editor";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DialogActions } from "@/components/ui/dialog-actions";
import { Field, Input } from "@/components/ui/input";
import { Sheet } from "@/components/ui/sheet";
import type { PlanView } from "@/lib/billing/plans/list-plans";
import { postApi } from "@/lib/query/fetch-api";
import type { Features } from "@/lib/tenants/plans";

const MONEY_FIELDS = [
  ["price_monthly_cents", "Monthly price"],
  ["overage.api_calls_per_1000_cents", "Overage per 1,000 API calls"],
  ["overage.storage_gb_cents", "Overage per GB of storage"],
  ["add_on_prices.seat_cents", "Extra seat, per month"],
  ["add_on_prices.storage_gb_cents", "Extra GB of storage, per month"],
] as const;
type MoneyPath = (typeof MONEY_FIELDS)[number][0];

const toMoney = (cents: number) => (cents / 100).toFixed(2);
/** "12.5" → 1250 cents; anything that is not an amount with at most two decimals is NaN (the form names it). */
const toCents = (text: string) => (/^\d+(\.\d{1,2})?$/.test(text.trim()) ? Math.round(Number(text.trim()) * 100) : NaN);

/** Edits a plan's next version: the whole content, sent as one PUT; the server's 400 names any field it refuses. */
export function PlanEditor({ plan, onClose, onSaved }: { plan: PlanView; onClose: () => void; onSaved: (p: PlanView) => void }) {
  const [name, setName] = useState(plan.name);
  const [currency, setCurrency] = useState(plan.currency);
  const [trialDays, setTrialDays] = useState(String(plan.trial_days));
  const [money, setMoney] = useState<Record<MoneyPath, string>>({
    price_monthly_cents: toMoney(plan.price_monthly_cents),
    "overage.api_calls_per_1000_cents": toMoney(plan.overage.api_calls_per_1000_cents),
    "overage.storage_gb_cents": toMoney(plan.overage.storage_gb_cents),
    "add_on_prices.seat_cents": toMoney(plan.add_on_prices.seat_cents),
    "add_on_prices.storage_gb_cents": toMoney(plan.add_on_prices.storage_gb_cents),
  });
  const [limits, setLimits] = useState<LimitDraft>(limitsToDraft(plan.limits));
  const [features, setFeatures] = useState<Features>(plan.features);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function save(e: FormEvent) {
    e.preventDefault();
    const local: Record<string, string> = {};
    const cents = Object.fromEntries(MONEY_FIELDS.map(([path]) => [path, toCents(money[path])])) as Record<MoneyPath, number>;
    for (const [path] of MONEY_FIELDS) if (Number.isNaN(cents[path])) local[path] = "Enter an amount such as 12.50";
    const parsedLimits = draftToLimits(limits, "limits");
    Object.assign(local, parsedLimits.errors);
    const days = /^\d+$/.test(trialDays.trim()) ? Number(trialDays) : NaN;
    if (Number.isNaN(days)) local.trial_days = "Enter a whole number of days";
    setErrors(local);
    setFailure(null);
    if (Object.keys(local).length) return;
    setPending(true);
    const body = {
      name,
      price_monthly_cents: cents.price_monthly_cents,
      currency: currency.trim().toUpperCase(),
      limits: parsedLimits.limits,
      features,
      overage: { api_calls_per_1000_cents: cents["overage.api_calls_per_1000_cents"], storage_gb_cents: cents["overage.storage_gb_cents"] },
      add_on_prices: { seat_cents: cents["add_on_prices.seat_cents"], storage_gb_cents: cents["add_on_prices.storage_gb_cents"] },
      trial_days: days,
    };
    const r = await postApi<{ plan: PlanView }>(`/api/v1/plans/${plan.key}`, body, { method: "PUT" });
    setPending(false);
    if (!r.ok) {
      setErrors(r.fieldErrors);
      setFailure(r.message);
      return;
    }
    onSaved(r.data.plan);
  }

  return (
    <Sheet
      open
      onClose={onClose}
      title={`Edit ${plan.name}`}
      description={`Saves version ${plan.version + 1}. The ${plan.subscriptions} subscription${plan.subscriptions === 1 ? "" : "s"} on this plan keep their current version until moved.`}
      testId="plan-editor"
      footer={
        <DialogActions onCancel={onClose} pending={pending}>
          <Button type="submit" form="plan-editor-form" loading={pending}>
            Save new version
          </Button>
        </DialogActions>
      }
    >
      <form id="plan-editor-form" onSubmit={save} noValidate className="space-y-6">
        {failure ? <Alert tone="danger">{failure}</Alert> : null}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="plan-name" label="Name" error={errors.name}>
            {(a) => <Input {...a} value={name} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <Field id="plan-currency" label="Currency" hint="ISO 4217, such as USD" error={errors.currency}>
            {(a) => <Input {...a} value={currency} maxLength={3} onChange={(e) => setCurrency(e.target.value)} />}
          </Field>
          {MONEY_FIELDS.map(([path, label]) => (
            <Field key={path} id={`plan-${path.replace(/\./g, "-")}`} label={label} error={errors[path]}>
              {(a) => <Input {...a} inputMode="decimal" value={money[path]} onChange={(e) => setMoney({ ...money, [path]: e.target.value })} className="tabular-nums" />}
            </Field>
          ))}
          <Field id="plan-trial-days" label="Trial days" hint="0: no trial" error={errors.trial_days}>
            {(a) => <Input {...a} inputMode="numeric" value={trialDays} onChange={(e) => setTrialDays(e.target.value)} />}
          </Field>
        </div>
        <fieldset>
          <legend className="mb-3 text-sm font-semibold text-slate-900">Limits</legend>
          <LimitsEditor value={limits} onChange={setLimits} errors={errors} pathPrefix="limits" />
        </fieldset>
        <fieldset>
          <legend className="mb-3 text-sm font-semibold text-slate-900">Features</legend>
          <FeaturesEditor value={features} onChange={setFeatures} />
        </fieldset>
      </form>
    </Sheet>
  );
}
