"use client";

import { useEffect, useId, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import { controlClasses } from "@/components/ui/input";
import { areaFilterValues, type AuditArea } from "@/lib/audit/audit-event-catalogue";

/** Whether a whole area is chosen: by its `prefix.*` values, or (for areas without a prefix) every one of its types. */
function areaChosen(area: AuditArea, chosen: readonly string[]): boolean {
  return areaFilterValues(area).every((v) => chosen.includes(v));
}

function typeChosen(area: AuditArea, type: string, chosen: readonly string[]): boolean {
  return chosen.includes(type) || areaChosen(area, chosen);
}

/** Ticking a type or an area; a fully ticked area collapses to its area value (so later types of it are included). */
export function toggleEventType(chosen: readonly string[], what: { area: AuditArea; type?: string }): string[] {
  const { area, type } = what;
  const own = new Set([...areaFilterValues(area), ...area.types.map((t) => t.type)]);
  const others = chosen.filter((v) => !own.has(v));
  const current = area.types.map((t) => t.type).filter((t) => typeChosen(area, t, chosen));
  let next: string[];
  if (!type) next = areaChosen(area, chosen) ? [] : area.types.map((t) => t.type);
  else next = current.includes(type) ? current.filter((t) => t !== type) : [...current, type];
  const whole = next.length === area.types.length;
  return [...others, ...(whole ? areaFilterValues(area) : next)];
}

export function eventTypeSummary(areas: readonly AuditArea[], chosen: readonly string[]): string {
  if (!chosen.length) return "All event types";
  const whole = areas.filter((a) => areaChosen(a, chosen));
  const partial = chosen.filter((v) => !whole.some((a) => areaFilterValues(a).includes(v)));
  if (whole.length === 1 && !partial.length) return `${whole[0].label}: all`;
  const n = whole.length + partial.length;
  if (n === 1 && partial.length === 1) {
    const area = areas.find((a) => a.types.some((t) => t.type === partial[0]));
    const t = area?.types.find((x) => x.type === partial[0]);
    return area && t ? `${area.label}: ${t.label}` : partial[0];
  }
  return `${n} event filters`;
}

/**
 * The event type filter: a button that opens the catalogue grouped by area,
 * each area with a box for all of it (`member.*`) and one per type. Escape or
 * a click outside closes it; focus returns to the button.
 */
export function EventTypePicker({ areas, value: committed, onChange: commit }: { areas: readonly AuditArea[]; value: readonly string[]; onChange: (next: string[]) => void }) {
  const [open, setOpen] = useState(false);
  // The boxes show a click at once; the URL (and so `committed`) follows a moment later, and wins when it changes (Back, Clear).
  const [value, setValue] = useState<readonly string[]>(committed);
  const committedKey = committed.join(",");
  const [shownFor, setShownFor] = useState(committedKey);
  if (shownFor !== committedKey) {
    setShownFor(committedKey);
    setValue(committed);
  }
  const onChange = (next: string[]) => {
    setValue(next);
    commit(next);
  };
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", onDown);
    return () => document.removeEventListener("mousedown", onDown);
  }, [open]);

  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };

  return (
    <div
      ref={rootRef}
      className="relative"
      onKeyDown={(e) => {
        if (e.key === "Escape" && open) {
          e.preventDefault();
          close();
        }
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        className={cn(controlClasses(false), "flex h-9 items-center gap-2 pr-8 text-left")}
      >
        <span className="sr-only">Event types: </span>
        <span className={cn("truncate", !value.length && "text-slate-600")}>{eventTypeSummary(areas, value)}</span>
        <svg className="pointer-events-none absolute top-1/2 right-2.5 size-4 -translate-y-1/2 text-slate-400" viewBox="0 0 16 16" fill="none" aria-hidden="true">
          <path d="m4.5 6.5 3.5 3.5 3.5-3.5" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </button>
      <div
        id={panelId}
        hidden={!open}
        data-testid="event-type-picker"
        className="absolute left-0 z-30 mt-1 max-h-[min(28rem,70dvh)] w-[min(22rem,calc(100vw-2rem))] overflow-y-auto rounded-lg bg-white p-2 shadow-lg ring-1 ring-slate-900/10"
      >
        <div className="flex items-center justify-between px-2 pb-2">
          <p className="text-xs font-medium text-slate-500">Choose areas or single events</p>
          {value.length ? (
            <button type="button" className="rounded px-1.5 py-0.5 text-xs font-medium text-indigo-700 hover:bg-indigo-50" onClick={() => onChange([])}>
              Clear
            </button>
          ) : null}
        </div>
        {areas.map((area) => {
          const all = areaChosen(area, value);
          const some = !all && area.types.some((t) => typeChosen(area, t.type, value));
          return (
            <fieldset key={area.key} className="border-t border-slate-100 px-2 py-2 first-of-type:border-t-0">
              <legend className="sr-only">{area.label}</legend>
              <label className="flex cursor-pointer items-center gap-2 py-1 text-[13px] font-semibold text-slate-900">
                <input
                  type="checkbox"
                  className="size-4 rounded border-slate-300 accent-indigo-600"
                  checked={all}
                  ref={(el) => {
                    if (el) el.indeterminate = some;
                  }}
                  onChange={() => onChange(toggleEventType(value, { area }))}
                />
                {area.label}
                <span className="font-mono text-[11px] font-normal text-slate-500">{area.prefixes ? area.prefixes.map((p) => `${p}.*`).join(", ") : "all"}</span>
              </label>
              <div className="grid grid-cols-1 gap-x-3 pl-6 sm:grid-cols-2">
                {area.types.map((t) => (
                  <label key={t.type} className="flex cursor-pointer items-center gap-2 py-0.5 text-[13px] text-slate-700">
                    <input type="checkbox" className="size-3.5 rounded border-slate-300 accent-indigo-600" checked={typeChosen(area, t.type, value)} onChange={() => onChange(toggleEventType(value, { area, type: t.type }))} />
                    <span className="sr-only">{area.label}: </span>
                    {t.label}
                  </label>
                ))}
              </div>
            </fieldset>
          );
        })}
      </div>
    </div>
  );
}
