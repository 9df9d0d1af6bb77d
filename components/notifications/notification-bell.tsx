"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import type { HeaderScope } from "@/components/header/header-scope";
import { formatRelative } from "@/components/console/format";
import { cn } from "@/components/ui/cn";
import { useClock } from "@/components/ui/use-clock";
import type { InboxItem } from "@/lib/notifications/inbox";
import { severityTone } from "./severity-badge";
import { useInbox } from "./use-inbox";

const DOT: Record<string, string> = { sky: "bg-sky-500", amber: "bg-amber-500", violet: "bg-violet-500", red: "bg-red-500", slate: "bg-slate-400" };

/** The accessible name says the count, so a screen reader hears it without opening the panel. */
export const bellLabel = (unread: number) => (unread ? `Notifications, ${unread} unread` : "Notifications");

/**
 * The header's bell: the unread count as a badge, and a panel with the latest
 * entries (unread first), "Mark all read" and a link to the notifications
 * page. Polls every 30 s and on focus (use-inbox.ts). The same component on
 * the console (staff notices) and on a portal (the member's own inbox).
 */
export function NotificationBell(props: { scope: HeaderScope }) {
  void props.scope; // the host decides whose inbox the actions read
  const { inbox, markRead, markAllRead, pending, error } = useInbox(8);
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const headingId = useId();
  const router = useRouter();
  const now = useClock();
  const unread = inbox?.unread ?? 0;

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

  const openItem = (item: InboxItem) => {
    if (!item.read) markRead([item.id]);
    if (!item.link) return;
    setOpen(false);
    if (item.link.startsWith("/")) router.push(item.link);
    else window.location.assign(item.link);
  };

  return (
    <div ref={rootRef} className="relative" onKeyDown={(e) => e.key === "Escape" && open && (e.preventDefault(), close())}>
      <button
        ref={buttonRef}
        type="button"
        data-testid="notification-bell"
        aria-label={bellLabel(unread)}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((o) => !o)}
        className="relative grid size-9 place-items-center rounded-full text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
      >
        <svg viewBox="0 0 20 20" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
          <path d="M10 2.75a5 5 0 0 0-5 5v2.6l-1.3 2.6a.75.75 0 0 0 .67 1.1h11.26a.75.75 0 0 0 .67-1.1L15 10.35v-2.6a5 5 0 0 0-5-5Z" strokeLinejoin="round" />
          <path d="M8 16.5a2 2 0 0 0 4 0" strokeLinecap="round" />
        </svg>
        {unread ? (
          <span data-testid="notification-count" aria-hidden="true" className="absolute -top-0.5 -right-0.5 min-w-[1.125rem] rounded-full bg-red-600 px-1 text-center text-[11px] leading-[1.125rem] font-semibold text-white">
            {unread > 99 ? "99+" : unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <div
          id={panelId}
          role="region"
          aria-labelledby={headingId}
          className="fixed inset-x-3 top-16 z-40 rounded-lg border border-slate-200 bg-white shadow-lg sm:absolute sm:inset-x-auto sm:top-full sm:right-0 sm:mt-2 sm:w-96"
        >
          <div className="flex items-center justify-between gap-2 border-b border-slate-200 px-4 py-2.5">
            <h2 id={headingId} className="text-sm font-semibold text-slate-900">
              Notifications
            </h2>
            <button
              type="button"
              onClick={markAllRead}
              disabled={!unread || pending}
              className="rounded px-1.5 py-0.5 text-[13px] font-medium text-indigo-700 hover:bg-indigo-50 disabled:text-slate-500 disabled:hover:bg-transparent focus-visible:outline-2 focus-visible:outline-indigo-600"
            >
              Mark all read
            </button>
          </div>
          {error ? (
            <p role="alert" className="px-4 py-2 text-[13px] text-red-700">
              {error}
            </p>
          ) : null}
          {!inbox ? (
            <p className="px-4 py-6 text-center text-[13px] text-slate-500">Loading…</p>
          ) : inbox.items.length === 0 ? (
            <p className="px-4 py-6 text-center text-[13px] text-slate-500">You have no notifications.</p>
          ) : (
            <ul className="max-h-[min(24rem,60vh)] divide-y divide-slate-100 overflow-y-auto">
              {inbox.items.map((item) => (
                <li key={item.id}>
                  <button
                    type="button"
                    onClick={() => openItem(item)}
                    data-testid="notification-item"
                    className={cn("flex w-full gap-3 px-4 py-3 text-left hover:bg-slate-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600", !item.read && "bg-indigo-50/40")}
                  >
                    <span className={cn("mt-1.5 size-2 shrink-0 rounded-full", item.read ? "bg-transparent" : DOT[severityTone(item.severity)])} aria-hidden="true" />
                    <span className="min-w-0 flex-1">
                      <span className={cn("block truncate text-[13px]", item.read ? "text-slate-700" : "font-semibold text-slate-900")}>
                        {item.title}
                        {item.read ? null : <span className="sr-only"> (unread)</span>}
                      </span>
                      <span className="mt-0.5 line-clamp-2 block text-[13px] text-slate-600">{item.body}</span>
                      <span className="mt-1 block text-xs text-slate-500">{now ? formatRelative(item.created_at, now) : null}</span>
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          <div className="border-t border-slate-200 px-4 py-2.5 text-center">
            <Link href="/notifications" onClick={() => setOpen(false)} className="text-[13px] font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600">
              See all notifications
            </Link>
          </div>
        </div>
      ) : null}
    </div>
  );
}
