"use client";

import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";

export type MenuItem = { key: string; label: ReactNode; onSelect: () => void; danger?: boolean; description?: string } | { key: string; separator: true };

/**
 * A menu button (WAI-ARIA menu pattern): opens on click or Enter, arrow keys
 * move, Escape closes and gives focus back, a click elsewhere closes it.
 */
export function Menu({
  trigger,
  triggerClassName,
  items,
  align = "right",
  label,
  header,
  side = "below",
}: {
  trigger: ReactNode;
  triggerClassName: string;
  items: MenuItem[];
  align?: "left" | "right";
  /** "above" for a trigger near the bottom of the screen (a sticky bar there). */
  side?: "below" | "above";
  label?: string;
  header?: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const itemRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const menuId = useId();
  const actionable = items.filter((i): i is Extract<MenuItem, { onSelect: () => void }> => !("separator" in i));

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", onDown);
    itemRefs.current[0]?.focus();
    return () => document.removeEventListener("mousedown", onDown);
  }, [open]);

  const close = (focusButton: boolean) => {
    setOpen(false);
    if (focusButton) buttonRef.current?.focus();
  };

  const onMenuKeyDown = (e: KeyboardEvent) => {
    const current = itemRefs.current.findIndex((el) => el === document.activeElement);
    const last = actionable.length - 1;
    let next: number | null = null;
    if (e.key === "ArrowDown") next = current >= last ? 0 : current + 1;
    else if (e.key === "ArrowUp") next = current <= 0 ? last : current - 1;
    else if (e.key === "Home") next = 0;
    else if (e.key === "End") next = last;
    else if (e.key === "Escape") {
      e.preventDefault();
      close(true);
      return;
    } else if (e.key === "Tab") {
      close(false);
      return;
    }
    if (next !== null) {
      e.preventDefault();
      itemRefs.current[next]?.focus();
    }
  };

  const indexOf = new Map(actionable.map((item, i) => [item.key, i]));
  return (
    <div ref={rootRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={label}
        className={triggerClassName}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        {trigger}
      </button>
      {open ? (
        <div
          id={menuId}
          role="menu"
          onKeyDown={onMenuKeyDown}
          className={cn(
            "absolute z-30 min-w-52 rounded-lg border border-slate-200 bg-white p-1 shadow-lg ring-1 ring-slate-900/5",
            side === "above" ? "bottom-full mb-1.5" : "mt-1.5",
            align === "right" ? "right-0" : "left-0",
          )}
        >
          {header ? <div className="border-b border-slate-200 px-2.5 pt-1.5 pb-2 mb-1">{header}</div> : null}
          {items.map((item) => {
            if ("separator" in item) return <div key={item.key} role="separator" className="my-1 h-px bg-slate-200" />;
            const index = indexOf.get(item.key)!;
            return (
              <button
                key={item.key}
                ref={(el) => {
                  itemRefs.current[index] = el;
                }}
                type="button"
                role="menuitem"
                tabIndex={-1}
                onClick={() => {
                  close(true);
                  item.onSelect();
                }}
                className={cn(
                  "flex w-full flex-col items-start rounded-md px-2.5 py-1.5 text-left text-sm focus:outline-none",
                  item.danger ? "text-red-600 hover:bg-red-50 focus:bg-red-50" : "text-slate-700 hover:bg-slate-100 focus:bg-slate-100",
                )}
              >
                <span className="font-medium">{item.label}</span>
                {item.description ? <span className={cn("text-xs", item.danger ? "text-red-500/80" : "text-slate-500")}>{item.description}</span> : null}
              </button>
            );
          })}
        </div>
      ) : null}
    </div>
  );
}
