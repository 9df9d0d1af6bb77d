"use client";

import { useId } from "react";
import { Switch } from "@/components/ui/switch";
import { FEATURE_LABELS, FEATURES, type Feature, type Features } from "@/lib/tenants/plans";

export function FeaturesEditor({ value, onChange, defaults, disabled }: { value: Features; onChange: (next: Features) => void; defaults?: Features; disabled?: boolean }) {
  const base = useId();
  return (
    <ul className="grid gap-x-6 sm:grid-cols-2">
      {FEATURES.map((f: Feature) => {
        const labelId = `${base}-${f}`;
        const differs = defaults && defaults[f] !== value[f];
        return (
          <li key={f} className="flex items-center justify-between gap-4 border-b border-slate-100 py-2.5">
            <span id={labelId} className="text-sm text-slate-700">
              {FEATURE_LABELS[f]}
              {differs ? <span className="ml-2 rounded bg-amber-50 px-1.5 py-px text-[11px] font-medium text-amber-700 ring-1 ring-amber-600/20">Custom</span> : null}
            </span>
            <Switch labelledBy={labelId} checked={value[f]} disabled={disabled} onChange={(on) => onChange({ ...value, [f]: on })} />
          </li>
        );
      })}
    </ul>
  );
}
