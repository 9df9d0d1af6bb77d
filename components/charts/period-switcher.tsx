"use client";

import { useRef, type KeyboardEvent } from "react";
import { cn } from "@/components/ui/cn";

/**
 * A segmented choice of time window (a radio group: arrow keys move and choose,
 * as WAI-ARIA radio groups do). Shared by every set of charts with a period.
 */
export function PeriodSwitcher<P extends string>({ periods, value, onChange, label = "Period", describe }: { periods: readonly P[]; value: P; onChange: (p: P) => void; label?: string; describe?: (p: P) => string }) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (e: KeyboardEvent, i: number) => {
    const last = periods.length - 1;
    const next = e.key === "ArrowRight" || e.key === "ArrowDown" ? (i === last ? 0 : i + 1) : e.key === "ArrowLeft" || e.key === "ArrowUp" ? (i === 0 ? last : i - 1) : null;
    if (next === null) return;
    e.preventDefault();
    onChange(periods[next]);
    refs.current[next]?.focus();
  };
  return (
    <div role="radiogroup" aria-label={label} className="inline-flex gap-0.5 rounded-lg bg-slate-100 p-0.5">
      {periods.map((p, i) => (
        <button
          key={p}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          role="radio"
          aria-checked={value === p}
          aria-label={describe?.(p)}
          tabIndex={value === p ? 0 : -1}
          onClick={() => onChange(p)}
          onKeyDown={(e) => onKeyDown(e, i)}
          className={cn(
            "min-w-11 rounded-md px-2.5 py-1 text-xs font-medium transition-colors focus-visible:outline-2 focus-visible:outline-indigo-600",
            value === p ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900",
          )}
        >
          {p}
        </button>
      ))}
    </div>
  );
}
