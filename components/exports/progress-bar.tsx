import { cn } from "@/components/ui/cn";

/** A labelled 0–100 bar with its figure, for jobs that report a percentage. */
export function ProgressBar({ label, percentage, caption }: { label: string; percentage: number; caption?: string }) {
  const pct = Math.max(0, Math.min(100, Math.round(percentage)));
  return (
    <div>
      <div className="mb-1.5 flex justify-between gap-3 text-xs text-slate-600 tabular-nums">
        <span className="min-w-0 truncate">{caption}</span>
        <span>{pct}%</span>
      </div>
      <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} className="h-2 overflow-hidden rounded-full bg-slate-100">
        <div className={cn("h-full rounded-full transition-[width] duration-500", pct === 100 ? "bg-emerald-500" : "bg-indigo-600")} style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
