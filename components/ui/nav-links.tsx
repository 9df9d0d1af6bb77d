"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

export type NavLink = { href: string; label: string };

/** Section links; the current section is marked for sighted and screen-reader users alike. */
export function NavLinks({
  label,
  links,
  orientation = "horizontal",
  className,
  onNavigate,
}: {
  label: string;
  links: readonly NavLink[];
  orientation?: "horizontal" | "vertical";
  className?: string;
  onNavigate?: () => void;
}) {
  const pathname = usePathname();
  const vertical = orientation === "vertical";
  return (
    <nav aria-label={label} className={cn(vertical ? "flex flex-col gap-0.5" : "flex items-center gap-0.5 xl:gap-1", className)}>
      {links.map((l) => {
        const active = l.href === "/" ? pathname === "/" : pathname === l.href || pathname.startsWith(`${l.href}/`);
        return (
          <Link
            key={l.href}
            href={l.href}
            onClick={onNavigate}
            aria-current={active ? "page" : undefined}
            className={cn(
              // One line each, whatever the header's width: a label never wraps or gets cut.
              "shrink-0 rounded-md font-medium whitespace-nowrap transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600",
              // Tighter below xl, so eight console links and the account menu fit one line from md up.
              vertical ? "px-3 py-2.5 text-[15px]" : "px-2 py-1.5 text-sm xl:px-3",
              active ? "bg-slate-100 text-slate-900" : "text-slate-600 hover:bg-slate-50 hover:text-slate-900",
            )}
          >
            {l.label}
          </Link>
        );
      })}
    </nav>
  );
}
