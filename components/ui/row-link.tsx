"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

/** Link styling for names in lists: visibly a link at rest, stronger on hover and keyboard focus. */
export const rowLinkClasses =
  "font-medium text-slate-900 underline decoration-slate-300 underline-offset-4 hover:decoration-slate-900 focus-visible:rounded-sm focus-visible:decoration-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600";

/**
 * A link from a list row to its page. Not prefetched when it scrolls into view
 * (a page of 25 rows would cost 25 server renders); prefetched when the pointer
 * rests on it or it gets focus, which is when a click is likely.
 */
export function RowLink({ href, children, className }: { href: string; children: ReactNode; className?: string }) {
  const router = useRouter();
  const intent = () => router.prefetch(href);
  return (
    <Link href={href} prefetch={false} onMouseEnter={intent} onFocus={intent} className={cn(rowLinkClasses, className)}>
      {children}
    </Link>
  );
}
