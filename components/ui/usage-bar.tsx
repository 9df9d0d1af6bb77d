import { cn } from "@/components/ui/cn";

/** Share of a limit in use. A null limit is unlimited: no bar to fill, just the figure. */
export function UsageBar({ current, limit, unit, label, compact }: { current: number; limit: number | null; unit?: string; label: string; compact?: boolean }) {
  const pct = limit === null ? null : limit === 0 ? (current > 0 ? 100 : 0) : Math.min(100, (current / limit) * 100);
  const color = pct === null ? "bg-slate-300" : pct >= 90 ? "bg-red-500" : pct >= 75 ? "bg-amber-500" : "bg-indigo-500";
  const fmt = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: n < 10 ? 2 : 1 });
  const text = limit === null ? `${fmt(current)}${unit ? ` ${unit}` : ""} · Unlimited` : `${fmt(current)} / ${fmt(limit)}${unit ? ` ${unit}` : ""}`;
  return (
    <div className={cn("min-w-0", compact ? "w-full max-w-40" : "w-full")}>
      <div className={cn("flex items-baseline justify-between gap-2 tabular-nums", compact ? "mb-1 text-xs text-slate-600" : "mb-1.5 text-[13px] text-slate-700")}>
        <span className="truncate">{text}</span>
        {pct !== null && !compact ? <span className="text-xs text-slate-500">{pct.toFixed(pct < 10 && pct > 0 ? 1 : 0)}%</span> : null}
      </div>
      <div
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={limit ?? undefined}
        aria-valuenow={current}
        aria-valuetext={text}
        className={cn("overflow-hidden rounded-full bg-slate-100", compact ? "h-1.5" : "h-2")}
      >
        {pct === null ? (
          <div className="h-full w-full bg-[repeating-linear-gradient(135deg,var(--color-slate-200)_0_4px,transparent_4px_8px)]" />
        ) : (
          <div className={cn("h-full rounded-full transition-[width]", color)} style={{ width: `${Math.max(pct, current > 0 ? 2 : 0)}%` }} />
        )}
      </div>
    </div>
  );
}
