"use client";

import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { NavLinks, type NavLink } from "@/components/ui/nav-links";
import { trapTab } from "@/components/ui/trap-tab";

// Literal class names per breakpoint, so Tailwind sees them in the source.
const AT: Record<"md" | "lg", { inline: string; compact: string }> = {
  md: { inline: "hidden md:flex", compact: "md:hidden" },
  lg: { inline: "hidden lg:flex", compact: "lg:hidden" },
};

const ROW: Record<"md" | "lg", string> = {
  md: "md:order-last md:w-full md:flex-wrap md:pb-2",
  lg: "lg:order-last lg:w-full lg:flex-wrap lg:pb-2",
};

/**
 * Section navigation: a row of links from `breakpoint` up, below it a menu
 * button that opens the same links in a drawer. The drawer is a modal
 * <dialog> (the page behind is inert); Tab cycles inside it, Escape, the
 * backdrop, the close button and following a link close it, and focus goes
 * back to the menu button.
 */
export function ResponsiveNav({
  label,
  title,
  links,
  breakpoint = "md",
  ownRow = false,
}: {
  label: string;
  title: ReactNode;
  links: readonly NavLink[];
  breakpoint?: "md" | "lg";
  /** From `breakpoint` up, the links take a row of their own under the header's first line (the header must wrap): for more sections than fit beside a name and an account menu. */
  ownRow?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const drawerId = useId();
  const pathname = usePathname();

  useEffect(() => {
    const d = dialogRef.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  // A navigation (link, Back button) closes the drawer.
  const [shownFor, setShownFor] = useState(pathname);
  if (shownFor !== pathname) {
    setShownFor(pathname);
    if (open) setOpen(false);
  }

  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };

  return (
    <>
      <NavLinks label={label} links={links} className={ownRow ? `${AT[breakpoint].inline} ${ROW[breakpoint]}` : AT[breakpoint].inline} />
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={drawerId}
        onClick={() => setOpen(true)}
        className={`${AT[breakpoint].compact} order-first -ml-1.5 inline-flex size-9 shrink-0 items-center justify-center rounded-md text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600`}
      >
        <svg viewBox="0 0 20 20" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.75" aria-hidden="true">
          <path d="M3.5 5.5h13M3.5 10h13M3.5 14.5h13" strokeLinecap="round" />
        </svg>
        <span className="sr-only">Menu</span>
      </button>
      <dialog
        ref={dialogRef}
        id={drawerId}
        aria-label={`${label} menu`}
        data-testid="nav-drawer"
        onKeyDown={trapTab}
        onClose={() => {
          if (open) close();
        }}
        onClick={(e) => {
          if (e.target === e.currentTarget) close();
        }}
        className="m-0 h-dvh max-h-none w-80 max-w-[85vw] bg-white p-0 text-sm text-slate-900 shadow-2xl backdrop:bg-slate-900/40"
      >
        {open ? (
          <div className="flex h-full flex-col">
            <div className="flex h-14 shrink-0 items-center justify-between gap-3 border-b border-slate-200 px-4">
              <div className="min-w-0 truncate font-semibold">{title}</div>
              <button
                type="button"
                onClick={close}
                className="inline-flex size-9 shrink-0 items-center justify-center rounded-md text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
              >
                <svg viewBox="0 0 20 20" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.75" aria-hidden="true">
                  <path d="m5 5 10 10M15 5 5 15" strokeLinecap="round" />
                </svg>
                <span className="sr-only">Close menu</span>
              </button>
            </div>
            <NavLinks label={label} links={links} orientation="vertical" className="overflow-y-auto p-3" onNavigate={() => setOpen(false)} />
          </div>
        ) : null}
      </dialog>
    </>
  );
}
