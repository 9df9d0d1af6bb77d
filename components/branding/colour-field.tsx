"use client";

import { Field, Input } from "@/components/ui/input";

/** #abc → #aabbcc: the native colour input only takes six digits. */
const sixDigits = (hex: string) => (/^#[0-9a-f]{3}$/i.test(hex) ? `#${[...hex.slice(1)].map((c) => c + c).join("")}` : hex).toLowerCase();

/**
 * A brand colour: the native picker and a hex text box kept in sync (the text
 * box is the labelled control; empty means Atrium's default), with the WCAG
 * contrast warning of the live preview under it.
 */
export function ColourField({
  id,
  label,
  pickerLabel,
  value,
  fallback,
  onChange,
  error,
  warning,
  disabled,
}: {
  id: string;
  label: string;
  pickerLabel: string;
  value: string;
  fallback: string;
  onChange: (value: string) => void;
  error?: string;
  warning?: string;
  disabled?: boolean;
}) {
  const valid = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(value.trim());
  return (
    <Field id={id} label={label} hint={value ? undefined : `Empty uses the default, ${fallback}`} error={error}>
      {(a11y) => (
        <>
        <div className="flex items-center gap-2">
          <input
            type="color"
            aria-label={pickerLabel}
            value={sixDigits(valid ? value.trim() : fallback)}
            onChange={(e) => onChange(e.target.value)}
            disabled={disabled}
            className="h-9 w-12 shrink-0 cursor-pointer rounded-md border border-slate-300 bg-white p-1 disabled:cursor-not-allowed"
          />
          <Input {...a11y} aria-describedby={[a11y["aria-describedby"], warning ? `${id}-warning` : null].filter(Boolean).join(" ") || undefined} value={value} placeholder={fallback} onChange={(e) => onChange(e.target.value)} disabled={disabled} spellCheck={false} autoComplete="off" className="max-w-36 font-mono" />
        </div>
        {warning ? (
          <p id={`${id}-warning`} role="status" data-testid={`${id}-contrast-warning`} className="mt-1.5 text-xs text-amber-700">
            {warning}
          </p>
        ) : null}
        </>
      )}
    </Field>
  );
}
