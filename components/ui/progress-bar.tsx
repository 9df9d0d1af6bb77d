import { cn } from "@/components/ui/cn";

/**
 * Progress of a running job (a backup, a restore, a fleet migration): a
 * role="progressbar" whose text says what it is doing. Failed parts show in
 * red beside the done part, so a fleet run's failures are visible in the bar.
 */
export function ProgressBar({
  value,
  failed = 0,
  label,
  text,
  tone = "indigo",
  className,
  testId,
}: {
  /** 0–100: the share done (failed excluded). */
  value: number;
  /** 0–100: the share that failed, drawn after the done part. */
  failed?: number;
  label: string;
  /** What the bar means in words ("42% · copying data"); read as aria-valuetext. */
  text?: string;
  tone?: "indigo" | "green" | "red";
  className?: string;
  testId?: string;
}) {
  const done = clamp(value);
  const bad = Math.min(clamp(failed), 100 - done);
  const fill = tone === "green" ? "bg-emerald-500" : tone === "red" ? "bg-red-500" : "bg-indigo-500";
  return (
    <div className={cn("min-w-0", className)} data-testid={testId}>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(done + bad)}
        aria-valuetext={text ?? `${Math.round(done + bad)}%`}
        className="flex h-2 overflow-hidden rounded-full bg-slate-100"
      >
        <div className={cn("h-full transition-[width] duration-500", fill)} style={{ width: `${done}%` }} />
        {bad > 0 ? <div className="h-full bg-red-500 transition-[width] duration-500" style={{ width: `${bad}%` }} /> : null}
      </div>
      {text ? <p className="mt-1 truncate text-xs text-slate-600 tabular-nums">{text}</p> : null}
    </div>
  );
}

const clamp = (n: number) => (Number.isFinite(n) ? Math.max(0, Math.min(100, n)) : 0);
