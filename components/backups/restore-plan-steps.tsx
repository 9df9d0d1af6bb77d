import { formatDateTime } from "@/components/console/format";
import { cn } from "@/components/ui/cn";
import { StepIcon } from "@/components/ui/step-icon";
import type { RestoreView } from "@/lib/schemas/backups";
import { stepLabel } from "./backup-format";

const STEP_TEXT: Record<string, string> = {
  integrity_check: "Check the archive's checksums",
  schema_validation: "Validate the schema definition",
  table_creation: "Create the tables",
  data_restoration: "Load the rows",
  index_rebuilding: "Rebuild indexes and constraints",
  verification: "Verify row counts and checksums",
  swap: "Swap in for the live schema",
  grants: "Grant the tenant's database roles",
};

const STATE_TEXT: Record<string, string> = { pending: "Waiting", in_progress: "Running", completed: "Done", failed: "Failed", skipped: "Skipped" };

/** A restore's plan: in a dry run the steps that would run, while restoring each step's live state. */
export function RestorePlanSteps({ plan, dryRun, label }: { plan: RestoreView["restore_plan"]; dryRun: boolean; label: string }) {
  return (
    <ol aria-label={label} className="space-y-1" data-testid="restore-plan">
      {plan.map((s) => (
        <li key={s.step} data-step={s.step} data-status={s.status} className="flex items-start gap-2.5 rounded-md px-1 py-1.5">
          <StepIcon status={dryRun && s.status === "pending" ? "pending" : s.status} />
          <div className="min-w-0 flex-1">
            <p className={cn("text-[13px]", s.status === "pending" || s.status === "skipped" ? "text-slate-600" : "font-medium text-slate-900")}>{STEP_TEXT[s.step] ?? stepLabel(s.step)}</p>
            {s.detail ? <p className="text-xs break-words text-slate-500">{s.detail}</p> : null}
            {!dryRun ? (
              <p className="text-xs text-slate-500">
                <span className={cn(s.status === "completed" && "text-emerald-700", s.status === "in_progress" && "text-indigo-700", s.status === "failed" && "text-red-700")}>{STATE_TEXT[s.status] ?? s.status}</span>
                {s.completed_at ? <span> · {formatDateTime(s.completed_at)}</span> : null}
              </p>
            ) : s.status === "skipped" ? (
              <p className="text-xs text-slate-500">Skipped with these options</p>
            ) : null}
          </div>
        </li>
      ))}
    </ol>
  );
}
