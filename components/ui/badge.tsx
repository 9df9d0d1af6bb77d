import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

export type BadgeTone = "slate" | "indigo" | "green" | "amber" | "red" | "sky" | "violet" | "zinc";

const TONES: Record<BadgeTone, { box: string; dot: string }> = {
  slate: { box: "bg-slate-100 text-slate-700 ring-slate-500/20", dot: "bg-slate-400" },
  zinc: { box: "bg-zinc-100 text-zinc-600 ring-zinc-500/20", dot: "bg-zinc-400" },
  // Iris is indigo that a tenant's brand colour does not repaint (see globals.css).
  indigo: { box: "bg-iris-50 text-iris-700 ring-iris-600/20", dot: "bg-iris-500" },
  green: { box: "bg-emerald-50 text-emerald-700 ring-emerald-600/20", dot: "bg-emerald-500" },
  amber: { box: "bg-amber-50 text-amber-800 ring-amber-600/25", dot: "bg-amber-500" },
  red: { box: "bg-red-50 text-red-700 ring-red-600/20", dot: "bg-red-500" },
  sky: { box: "bg-sky-50 text-sky-700 ring-sky-600/20", dot: "bg-sky-500" },
  violet: { box: "bg-violet-50 text-violet-700 ring-violet-600/20", dot: "bg-violet-500" },
};

export function Badge({ tone = "slate", dot, pulse, children, className }: { tone?: BadgeTone; dot?: boolean; pulse?: boolean; children: ReactNode; className?: string }) {
  const t = TONES[tone];
  return (
    <span className={cn("inline-flex items-center gap-1.5 rounded-md px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset", t.box, className)}>
      {dot ? <span className={cn("size-1.5 rounded-full", t.dot, pulse && "animate-pulse")} aria-hidden="true" /> : null}
      {children}
    </span>
  );
}
