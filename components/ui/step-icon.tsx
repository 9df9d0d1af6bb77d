import { Spinner } from "@/components/ui/button";

/** The mark of one step of a job (provisioning, a restore): done, running, failed, skipped or waiting. */
export function StepIcon({ status }: { status: string }) {
  if (status === "completed")
    return (
      <span className="mt-0.5 flex size-5 shrink-0 items-center justify-center rounded-full bg-emerald-500 text-on-solid" aria-hidden="true">
        <svg viewBox="0 0 16 16" className="size-3" fill="none" stroke="currentColor" strokeWidth="2.5">
          <path d="m3.5 8.5 3 3 6-7" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </span>
    );
  if (status === "in_progress")
    return (
      <span className="mt-0.5 flex size-5 shrink-0 items-center justify-center rounded-full bg-indigo-50 text-indigo-600" aria-hidden="true">
        <Spinner className="size-3.5" />
      </span>
    );
  if (status === "failed")
    return (
      <span className="mt-0.5 flex size-5 shrink-0 items-center justify-center rounded-full bg-red-500 text-on-solid" aria-hidden="true">
        <svg viewBox="0 0 16 16" className="size-3" fill="none" stroke="currentColor" strokeWidth="2.5">
          <path d="m5 5 6 6M11 5l-6 6" strokeLinecap="round" />
        </svg>
      </span>
    );
  if (status === "skipped")
    return (
      <span className="mt-0.5 flex size-5 shrink-0 items-center justify-center rounded-full bg-slate-100 text-slate-500" aria-hidden="true">
        <svg viewBox="0 0 16 16" className="size-3" fill="none" stroke="currentColor" strokeWidth="2.5">
          <path d="M4 8h8" strokeLinecap="round" />
        </svg>
      </span>
    );
  return <span className="mt-0.5 size-5 shrink-0 rounded-full border-2 border-dashed border-slate-300" aria-hidden="true" />;
}
