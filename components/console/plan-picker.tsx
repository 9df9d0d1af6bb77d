"use client";

import { cn } from "@/components/ui/cn";
import { FEATURE_LABELS, FEATURES, PLAN_DEFINITIONS, PLANS, type Plan } from "@/lib/tenants/plans";

/** What a plan card lists: its headline limits, then the features the plan below it lacks. */
function highlights(plan: Plan): string[] {
  const def = PLAN_DEFINITIONS[plan];
  const lower = PLANS[PLANS.indexOf(plan) - 1];
  const users = def.limits.users === null ? "Unlimited users" : `Up to ${def.limits.users} users`;
  const storage = def.limits.storage_gb === null ? "Unlimited storage" : def.limits.storage_gb >= 1024 ? `${def.limits.storage_gb / 1024} TB storage` : `${def.limits.storage_gb} GB storage`;
  const added = FEATURES.filter((f) => def.features[f] && !(lower && PLAN_DEFINITIONS[lower].features[f])).map((f) => FEATURE_LABELS[f]);
  return [users, storage, ...(lower ? [`Everything in ${PLAN_DEFINITIONS[lower].label}, plus:`] : []), ...added.slice(0, lower ? 4 : 3)];
}

/** Plan choice as a radio group of cards with price and key features. */
export function PlanPicker({ value, onChange, name, disabled, current }: { value: Plan; onChange: (plan: Plan) => void; name: string; disabled?: boolean; current?: Plan }) {
  return (
    <div role="radiogroup" aria-label="Plan" className="grid gap-3 md:grid-cols-3">
      {PLANS.map((p) => {
        const def = PLAN_DEFINITIONS[p];
        const selected = value === p;
        return (
          <label
            key={p}
            className={cn(
              "relative flex cursor-pointer flex-col rounded-lg border bg-white p-4 transition-shadow has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-indigo-600",
              selected ? "border-indigo-600 shadow-[0_0_0_1px_var(--color-indigo-600)]" : "border-slate-200 hover:border-slate-300",
              disabled && "cursor-not-allowed opacity-60",
            )}
          >
            <input type="radio" name={name} value={p} checked={selected} disabled={disabled} onChange={() => onChange(p)} className="sr-only" />
            <span className="flex items-center justify-between gap-2">
              <span className="text-sm font-semibold text-slate-900">{def.label}</span>
              {current === p ? (
                <span className="rounded bg-slate-100 px-1.5 py-px text-[11px] font-medium text-slate-600">Current</span>
              ) : (
                <span
                  className={cn("flex size-4 items-center justify-center rounded-full border", selected ? "border-indigo-600 bg-indigo-600" : "border-slate-300")}
                  aria-hidden="true"
                >
                  {selected ? <span className="size-1.5 rounded-full bg-white" /> : null}
                </span>
              )}
            </span>
            <span className="mt-1.5 text-slate-900">
              <span className="text-xl font-semibold tracking-tight">{def.priceMonthly}</span>
              {def.priceMonthly.startsWith("$") ? <span className="text-[13px] text-slate-500"> / month</span> : <span className="text-[13px] text-slate-500"> pricing</span>}
            </span>
            <ul className="mt-3 space-y-1.5 text-[13px] text-slate-600">
              {highlights(p).map((h) => (
                <li key={h} className="flex items-start gap-1.5">
                  {h.endsWith(":") ? (
                    <span className="text-xs font-medium text-slate-500">{h}</span>
                  ) : (
                    <>
                      <svg viewBox="0 0 16 16" className="mt-0.5 size-3.5 shrink-0 text-indigo-600" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
                        <path d="m3.5 8.5 3 3 6-7" strokeLinecap="round" strokeLinejoin="round" />
                      </svg>
                      {h}
                    </>
                  )}
                </li>
              ))}
            </ul>
          </label>
        );
      })}
    </div>
  );
}
