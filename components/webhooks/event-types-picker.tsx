"use client";

import { useId } from "react";
import { FieldError } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import type { EventTypeInfo } from "./webhook-ops";

export const ALL_EVENTS = "*";

/** "tenant.deleted" → "tenant"; the catalogue's own area wins when it names one. */
const areaOf = (e: EventTypeInfo) => e.area || e.type.split(".")[0];

/**
 * Which events an endpoint receives: "All events (*)" or a choice grouped by
 * area (tenant, member, domain…), each area with a tick-all box.
 */
export function EventTypesPicker({ value, onChange, catalogue, error, idPrefix }: { value: string[]; onChange: (next: string[]) => void; catalogue: EventTypeInfo[] | undefined; error?: string; idPrefix: string }) {
  const legendId = useId();
  const all = value.includes(ALL_EVENTS);
  const areas = new Map<string, EventTypeInfo[]>();
  // The test event goes to one endpoint on request; nobody subscribes to it.
  for (const e of (catalogue ?? []).filter((x) => x.type !== "webhook.test")) areas.set(areaOf(e), [...(areas.get(areaOf(e)) ?? []), e]);
  const errorId = `${idPrefix}-event-types-error`;

  return (
    <fieldset aria-labelledby={legendId} aria-describedby={error ? errorId : undefined}>
      <legend id={legendId} className="mb-1.5 text-[13px] font-medium text-slate-700">
        Events to send
      </legend>
      <label className="flex cursor-pointer items-start gap-2 rounded-md border border-slate-200 px-3 py-2 hover:bg-slate-50">
        <input type="checkbox" className="mt-0.5 size-4 shrink-0 accent-indigo-600" checked={all} onChange={(e) => onChange(e.target.checked ? [ALL_EVENTS] : [])} />
        <span>
          <span className="block text-sm font-medium text-slate-900">All events (*)</span>
          <span className="block text-xs text-slate-500">Every event, including types added later.</span>
        </span>
      </label>
      {all ? null : !catalogue ? (
        <Skeleton className="mt-2 h-32 w-full" />
      ) : (
        <div className="mt-2 max-h-72 space-y-3 overflow-y-auto rounded-md border border-slate-200 p-3" data-testid="event-type-groups">
          {[...areas].map(([area, events]) => {
            const types = events.map((e) => e.type);
            const ticked = types.filter((t) => value.includes(t)).length;
            const groupId = `${idPrefix}-area-${area.replace(/\W+/g, "-")}`;
            return (
              <div key={area} role="group" aria-labelledby={groupId}>
                <label className="flex cursor-pointer items-center gap-2 text-xs font-semibold tracking-wide text-slate-600 uppercase">
                  <input
                    type="checkbox"
                    className="size-4 accent-indigo-600"
                    checked={ticked === types.length}
                    ref={(el) => {
                      if (el) el.indeterminate = ticked > 0 && ticked < types.length;
                    }}
                    onChange={(e) => onChange(e.target.checked ? [...new Set([...value, ...types])] : value.filter((t) => !types.includes(t)))}
                  />
                  <span id={groupId}>{area.replace(/_/g, " ")}</span>
                </label>
                <div className="mt-1 grid gap-x-4 sm:grid-cols-2">
                  {events.map((e) => (
                    <label key={e.type} className="flex cursor-pointer items-start gap-2 rounded px-1 py-1 pl-6 hover:bg-slate-50" title={e.description}>
                      <input
                        type="checkbox"
                        className="mt-0.5 size-4 shrink-0 accent-indigo-600"
                        checked={value.includes(e.type)}
                        onChange={(ev) => onChange(ev.target.checked ? [...value, e.type] : value.filter((t) => t !== e.type))}
                      />
                      <span className="min-w-0">
                        <span className="block font-mono text-xs break-all text-slate-800">{e.type}</span>
                        {e.description ? (
                          <span className="block text-xs text-slate-500">
                            {e.description}
                            {e.reserved ? " (not sent yet: its feature is coming)" : ""}
                          </span>
                        ) : null}
                      </span>
                    </label>
                  ))}
                </div>
              </div>
            );
          })}
        </div>
      )}
      <FieldError id={errorId} message={error} />
    </fieldset>
  );
}
