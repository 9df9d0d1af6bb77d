import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

/** A key as printed on the keyboard, in help text and shortcut lists. */
export function Kbd({ children, className }: { children: ReactNode; className?: string }) {
  return <kbd className={cn("rounded border border-slate-300 bg-slate-50 px-1 font-sans text-[11px] text-slate-600", className)}>{children}</kbd>;
}
