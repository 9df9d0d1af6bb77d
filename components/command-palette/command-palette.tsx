"use client";

import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { PaletteBody } from "@/components/command-palette/palette-body";
import type { HeaderScope } from "@/components/header/header-scope";
import { KeyboardShortcuts } from "@/components/shortcuts/keyboard-shortcuts";
import { cn } from "@/components/ui/cn";
import { Kbd } from "@/components/ui/kbd";
import { SearchIcon } from "@/components/ui/search-icon";
import { useHydrated } from "@/components/ui/use-hydrated";

// The console's header also holds the section links on one line from md up: the box gets its label only from xl.
// The portal's links have a row of their own, so its box is labelled from sm. Literal classes, for Tailwind.
const WIDE = {
  console: { button: "xl:w-52 xl:bg-white xl:px-2.5 xl:ring-1", label: "xl:not-sr-only xl:flex-1 xl:text-left", kbd: "hidden xl:inline" },
  portal: { button: "sm:w-44 sm:bg-white sm:px-2.5 sm:ring-1 lg:w-52", label: "sm:not-sr-only sm:flex-1 sm:text-left", kbd: "hidden sm:inline" },
} as const;

const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
const noSubscription = () => () => {};

/**
 * The header's search button and the ⌘K / Ctrl+K command palette: pages,
 * actions, recent items and search results in one list. A modal <dialog>
 * (the page behind is inert, Escape closes it, and the browser gives focus
 * back to what had it, the button when it was clicked). Also mounts the
 * page-wide keyboard shortcuts, since every header that has one has the other.
 */
export function CommandPalette({ scope }: { scope: HeaderScope }) {
  // `opened` counts openings: each mounts a fresh body (empty box, top of the list).
  const [opened, setOpened] = useState(0);
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDialogElement>(null);
  const mac = useSyncExternalStore(noSubscription, isMac, () => true);
  // Until React runs, a click on the button does nothing: tests (and the curious) can tell when it will.
  const hydrated = useHydrated();

  // Opened and closed on the <dialog> itself, so what shows never depends on a state update having landed first.
  const show = useCallback(() => {
    const d = ref.current;
    // Another modal (a form's dialog) already holds the page: ⌘K does not stack on it.
    if (!d || d.open || document.querySelector("dialog[open]")) return;
    d.showModal();
    setOpen(true);
    setOpened((n) => n + 1);
  }, []);
  const hide = useCallback(() => ref.current?.close(), []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.metaKey || e.ctrlKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === "k") {
        e.preventDefault();
        if (ref.current?.open) hide();
        else show();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [show, hide]);

  // React's autoFocus ran while the body mounted; the box is focused again once the dialog is shown.
  useEffect(() => {
    if (open) ref.current?.querySelector<HTMLInputElement>("[cmdk-input]")?.focus();
  }, [open, opened]);

  return (
    <>
      <button
        type="button"
        onClick={show}
        aria-haspopup="dialog"
        aria-keyshortcuts="Meta+K Control+K"
        data-testid="command-palette-button"
        data-ready={hydrated ? "true" : undefined}
        className={cn(
          "flex h-9 items-center gap-2 rounded-md px-2 text-slate-600 ring-slate-200 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600",
          WIDE[scope.kind].button,
        )}
      >
        <SearchIcon className="size-4 shrink-0" />
        <span className={cn("sr-only text-[13px]", WIDE[scope.kind].label)}>Search…</span>
        <span aria-hidden="true" className={WIDE[scope.kind].kbd}>
          <Kbd>{mac ? "⌘K" : "Ctrl K"}</Kbd>
        </span>
      </button>
      <dialog
        ref={ref}
        aria-label="Search and commands"
        onClose={() => setOpen(false)}
        onClick={(e) => {
          if (e.target === e.currentTarget) hide();
        }}
        className="mx-auto mt-[8dvh] w-[calc(100%-1.5rem)] max-w-xl overflow-visible rounded-xl bg-transparent p-0 text-slate-900 shadow-2xl backdrop:bg-slate-900/40 backdrop:backdrop-blur-[1px]"
      >
        {open ? <PaletteBody key={opened} scope={scope} onDone={hide} /> : null}
      </dialog>
      <KeyboardShortcuts scope={scope.kind} />
    </>
  );
}
