"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";

/**
 * A modal on the native <dialog>: the browser traps focus, closes on Escape
 * and makes the page behind inert. Content mounts only while open, so each
 * opening starts from a clean form.
 */
export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
  footer,
  tone = "default",
  className,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
  tone?: "default" | "danger";
  className?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descId = useId();

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descId : undefined}
      onClose={() => {
        if (open) onClose();
      }}
      onClick={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
      className={cn(
        "m-auto w-[calc(100%-2rem)] max-w-md overflow-visible rounded-xl bg-transparent p-0 text-slate-900 shadow-2xl backdrop:bg-slate-900/40 backdrop:backdrop-blur-[1px]",
        className,
      )}
    >
      {open ? (
        // Tall content scrolls inside the dialog, so the title and the footer's buttons stay on screen.
        <div className="flex max-h-[calc(100dvh-2rem)] flex-col rounded-xl bg-white ring-1 ring-slate-900/5">
          <div className="flex shrink-0 items-start gap-3 px-5 pt-5">
            {tone === "danger" ? (
              <div className="flex size-9 shrink-0 items-center justify-center rounded-full bg-red-100 text-red-600" aria-hidden="true">
                <svg viewBox="0 0 16 16" className="size-4" fill="currentColor">
                  <path d="M7.13 2.2a1 1 0 0 1 1.74 0l5.5 9.78A1 1 0 0 1 13.5 13.5h-11a1 1 0 0 1-.87-1.52l5.5-9.78ZM7.25 6v3a.75.75 0 0 0 1.5 0V6a.75.75 0 0 0-1.5 0ZM8 12a.9.9 0 1 0 0-1.8.9.9 0 0 0 0 1.8Z" />
                </svg>
              </div>
            ) : null}
            <div className="min-w-0 flex-1">
              <h2 id={titleId} className="text-base font-semibold text-slate-900">
                {title}
              </h2>
              {description ? (
                <div id={descId} className="mt-1 text-[13px] leading-relaxed text-slate-600">
                  {description}
                </div>
              ) : null}
            </div>
          </div>
          {/* The body is the only part that scrolls; its own bottom padding keeps the last field clear of the footer. */}
          {children ? <div className="min-h-0 flex-1 overflow-y-auto overscroll-contain px-5 pt-4 pb-5">{children}</div> : <div className="h-5 shrink-0" />}
          {footer ? <div data-dialog-footer className="flex shrink-0 flex-wrap justify-end gap-2 rounded-b-xl border-t border-slate-200 bg-slate-50 px-5 py-3">{footer}</div> : null}
        </div>
      ) : null}
    </dialog>
  );
}
