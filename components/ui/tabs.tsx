"use client";

import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { cn } from "@/components/ui/cn";
import { Select } from "@/components/ui/select";

export type TabItem<K extends string> = { key: K; label: string };

/**
 * WAI-ARIA tabs: arrow keys, Home and End move between tabs; the panel is `tabPanelId(key)`.
 * On phones the same choice is a select, so no tab is ever out of sight; from `sm` up the row
 * scrolls sideways when it must, with a fade on the side that has more tabs.
 */
export function Tabs<K extends string>({ items, value, onChange, idPrefix, label }: { items: TabItem<K>[]; value: K; onChange: (key: K) => void; idPrefix: string; label: string }) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (e: KeyboardEvent, index: number) => {
    const last = items.length - 1;
    const next = e.key === "ArrowRight" ? (index === last ? 0 : index + 1) : e.key === "ArrowLeft" ? (index === 0 ? last : index - 1) : e.key === "Home" ? 0 : e.key === "End" ? last : null;
    if (next === null) return;
    e.preventDefault();
    onChange(items[next].key);
    refs.current[next]?.focus();
  };
  const { listRef, more } = useOverflowEdges();
  return (
    <>
      <Select aria-label={label} data-testid="tabs-select" value={value} onChange={(e) => onChange(e.target.value as K)} className="sm:hidden">
        {items.map((item) => (
          <option key={item.key} value={item.key}>
            {item.label}
          </option>
        ))}
      </Select>
      <div className="relative hidden sm:block">
        <div ref={listRef} role="tablist" aria-label={label} className="-mb-px flex gap-1 overflow-x-auto border-b border-slate-200 [scrollbar-width:thin]">
          {items.map((item, i) => {
            const selected = item.key === value;
            return (
              <button
                key={item.key}
                ref={(el) => {
                  refs.current[i] = el;
                }}
                id={`${idPrefix}-tab-${item.key}`}
                role="tab"
                type="button"
                aria-selected={selected}
                aria-controls={`${idPrefix}-panel-${item.key}`}
                tabIndex={selected ? 0 : -1}
                onClick={() => onChange(item.key)}
                onKeyDown={(e) => onKeyDown(e, i)}
                className={cn(
                  "relative shrink-0 rounded-t-md px-2 pt-2 pb-2.5 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600",
                  selected ? "text-slate-900 after:absolute after:inset-x-1.5 after:bottom-0 after:h-0.5 after:rounded-full after:bg-indigo-600" : "text-slate-500 hover:text-slate-800",
                )}
              >
                {item.label}
              </button>
            );
          })}
        </div>
        {more.left ? <div aria-hidden="true" className="pointer-events-none absolute inset-y-0 left-0 w-8 bg-gradient-to-r from-white" /> : null}
        {more.right ? <div aria-hidden="true" data-testid="tabs-more" className="pointer-events-none absolute inset-y-0 right-0 w-8 bg-gradient-to-l from-white" /> : null}
      </div>
    </>
  );
}

/** Which ends of a horizontally scrolling row hide content, kept current on scroll and resize. */
function useOverflowEdges() {
  const listRef = useRef<HTMLDivElement>(null);
  const [more, setMore] = useState({ left: false, right: false });
  useEffect(() => {
    const el = listRef.current;
    if (!el) return;
    const update = () => setMore({ left: el.scrollLeft > 1, right: el.scrollLeft + el.clientWidth < el.scrollWidth - 1 });
    update();
    el.addEventListener("scroll", update, { passive: true });
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => {
      el.removeEventListener("scroll", update);
      observer.disconnect();
    };
  }, []);
  return { listRef, more };
}

export function TabPanel({ idPrefix, tab, children, className }: { idPrefix: string; tab: string; children: React.ReactNode; className?: string }) {
  return (
    <div id={`${idPrefix}-panel-${tab}`} role="tabpanel" aria-labelledby={`${idPrefix}-tab-${tab}`} tabIndex={0} className={cn("focus-visible:outline-none", className)}>
      {children}
    </div>
  );
}
