"use client";

import { Field, Input } from "@/components/ui/input";
import { LIMIT_KEYS, LIMIT_LABELS, type Limits } from "@/lib/tenants/plans";
import { formatNumber } from "@/components/console/format";
import { UsageBar } from "@/components/ui/usage-bar";

export type LimitKey = (typeof LIMIT_KEYS)[number];
/** What the inputs hold: the typed text, or null for unlimited. */
export type LimitDraft = Record<LimitKey, string | null>;

export const limitsToDraft = (l: Limits): LimitDraft => Object.fromEntries(LIMIT_KEYS.map((k) => [k, l[k] === null ? null : String(l[k])])) as LimitDraft;

/**
 * The draft as the API wants it. Text that is not a whole number is reported
 * under the same path the server would use (`${pathPrefix}.${key}`).
 */
export function draftToLimits(d: LimitDraft, pathPrefix: string): { limits: Limits; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const limits = {} as Limits;
  for (const k of LIMIT_KEYS) {
    const v = d[k];
    if (v === null) {
      limits[k] = null;
      continue;
    }
    const n = Number(v.trim());
    if (v.trim() === "" || !Number.isInteger(n)) errors[`${pathPrefix}.${k}`] = "Enter a whole number, or choose Unlimited";
    else if (n < 0) errors[`${pathPrefix}.${k}`] = "Must be 0 or more";
    limits[k] = n;
  }
  return { limits, errors };
}

export const fieldId = (path: string) => path.replace(/\./g, "-");

export function LimitsEditor({
  value,
  onChange,
  errors,
  pathPrefix,
  defaults,
  disabled,
  usage,
}: {
  value: LimitDraft;
  onChange: (next: LimitDraft) => void;
  errors: Record<string, string>;
  pathPrefix: string;
  defaults?: Limits;
  disabled?: boolean;
  /** What the tenant uses now, shown against each limit as typed (so a lower limit shows the share it would leave); `label` names the bar and must not repeat the field's label, which names the input. */
  usage?: Partial<Record<LimitKey, { current: number; unit?: string; label: string }>>;
}) {
  return (
    <div className="grid gap-x-6 gap-y-5 sm:grid-cols-2">
      {LIMIT_KEYS.map((k) => {
        const path = `${pathPrefix}.${k}`;
        const id = fieldId(path);
        const unlimited = value[k] === null;
        const def = defaults?.[k];
        const hint = defaults ? `Plan default: ${def === null ? "unlimited" : formatNumber(def)}` : undefined;
        const field = (
          <Field key={k} id={id} label={LIMIT_LABELS[k]} hint={hint} error={errors[path]}>
            {(a) => (
              <div className="flex items-center gap-3">
                <Input
                  {...a}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  step={1}
                  disabled={disabled || unlimited}
                  value={unlimited ? "" : (value[k] ?? "")}
                  placeholder={unlimited ? "Unlimited" : undefined}
                  onChange={(e) => onChange({ ...value, [k]: e.target.value })}
                  className="tabular-nums"
                />
                <label className="flex shrink-0 cursor-pointer items-center gap-1.5 text-[13px] text-slate-600 select-none">
                  <input
                    type="checkbox"
                    className="size-4 shrink-0 rounded border-slate-300 accent-indigo-600"
                    checked={unlimited}
                    disabled={disabled}
                    onChange={(e) => onChange({ ...value, [k]: e.target.checked ? null : def !== undefined && def !== null ? String(def) : "" })}
                    aria-label={`${LIMIT_LABELS[k]}: unlimited`}
                  />
                  Unlimited
                </label>
              </div>
            )}
          </Field>
        );
        const used = usage?.[k];
        if (!used) return field;
        const typed = value[k] === null ? null : Number(value[k]);
        return (
          <div key={k} className="min-w-0 space-y-2" data-testid={`limit-usage-${k}`}>
            {field}
            <UsageBar current={used.current} limit={typed !== null && Number.isFinite(typed) ? typed : null} unit={used.unit} label={used.label} />
          </div>
        );
      })}
    </div>
  );
}
