"use client";

import { useEffect, useRef, useState } from "react";
import { isShortcutEvent } from "@/components/shortcuts/shortcut-target";

/**
 * j / k move a highlight through a list's rows and Enter opens the highlighted
 * one (`open`, null for lists whose rows open nothing). When a page has more
 * than one such list, the first in the page answers. The highlight resets
 * when the rows change (another page, another filter).
 */
export function useRowKeyboard(count: number, open: ((index: number) => void) | null) {
  const ref = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(-1);
  const [rowsSeen, setRowsSeen] = useState(count);
  if (rowsSeen !== count) {
    setRowsSeen(count);
    setActive(-1);
  }

  useEffect(() => {
    if (!open || count === 0) return;
    const onKey = (e: KeyboardEvent) => {
      if (!isShortcutEvent(e) || e.shiftKey || document.querySelector("[data-row-keys]") !== ref.current) return;
      if (e.key === "j" || e.key === "k") {
        e.preventDefault();
        setActive((a) => (e.key === "j" ? Math.min(count - 1, a + 1) : Math.max(0, a - 1)));
      } else if (e.key === "Enter" && active >= 0 && !(e.target instanceof Element && e.target.closest("a, button, summary"))) {
        e.preventDefault();
        open(active);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open, count, active]);

  useEffect(() => {
    if (active < 0) return;
    // The table and the phone cards both hold the row; only the one on screen has an offsetParent.
    const rows = ref.current?.querySelectorAll<HTMLElement>(`[data-row-index="${active}"]`) ?? [];
    [...rows].find((el) => el.offsetParent !== null)?.scrollIntoView({ block: "nearest" });
  }, [active]);

  return {
    containerProps: { ref, "data-row-keys": open ? "" : undefined },
    rowProps: (index: number) => ({ "data-row-index": index, "data-active": index === active ? "" : undefined }),
  };
}

/** The highlight's look, on table rows and phone cards alike: a tint and an accent bar at the start. */
export const ACTIVE_ROW_CLASSES = "data-[active]:bg-indigo-50 data-[active]:shadow-[inset_3px_0_0_var(--color-indigo-600)]";
