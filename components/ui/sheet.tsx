"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { trapTab } from "@/components/ui/trap-tab";

/**
 * A side panel for a row's details: a modal <dialog> docked to the right
 * (the whole screen on phones). The page behind is inert, Tab cycles inside,
 * Escape, the backdrop and the close button close it, and focus goes back to
 * whatever opened it. Content mounts only while open.
 */
export function Sheet({ open, onClose, title, description, children, footer, testId }: { open: boolean; onClose: () => void; title: ReactNode; description?: ReactNode; children: ReactNode; footer?: ReactNode; testId?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const titleId = useId();

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      d.showModal();
    }
    if (!open && d.open) d.close();
    if (!open && opener.current) {
      // The opener may have been re-rendered away (a refetched row): focus it only if it is still on the page.
      if (opener.current.isConnected) opener.current.focus();
      opener.current = null;
    }
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      data-testid={testId}
      onKeyDown={trapTab}
      onClose={() => {
        if (open) onClose();
      }}
      onClick={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
      className="m-0 ml-auto h-dvh max-h-none w-full max-w-none bg-white p-0 text-sm text-slate-900 shadow-2xl backdrop:bg-slate-900/40 sm:max-w-xl"
    >
      {open ? (
        <div className="flex h-full flex-col">
          <div className="flex shrink-0 items-start justify-between gap-3 border-b border-slate-200 px-5 py-4">
            <div className="min-w-0">
              <h2 id={titleId} className="text-base font-semibold text-slate-900">
                {title}
              </h2>
              {description ? <div className="mt-0.5 text-[13px] text-slate-500">{description}</div> : null}
            </div>
            <button
              type="button"
              onClick={onClose}
              className="-mr-2 inline-flex size-9 shrink-0 items-center justify-center rounded-md text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
            >
              <svg viewBox="0 0 20 20" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.75" aria-hidden="true">
                <path d="m5 5 10 10M15 5 5 15" strokeLinecap="round" />
              </svg>
              <span className="sr-only">Close panel</span>
            </button>
          </div>
          <div className={cn("min-h-0 flex-1 overflow-y-auto overscroll-contain px-5 py-4")}>{children}</div>
          {footer ? <div className="flex shrink-0 flex-wrap justify-end gap-2 border-t border-slate-200 bg-slate-50 px-5 py-3">{footer}</div> : null}
        </div>
      ) : null}
    </dialog>
  );
}
