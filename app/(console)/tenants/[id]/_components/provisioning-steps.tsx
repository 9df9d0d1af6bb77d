import { cn } from "@/components/ui/cn";
import { StepIcon } from "@/components/ui/step-icon";
import type { TenantDetail } from "./types";

type Step = NonNullable<TenantDetail["provisioning"]>["steps"][number];

export const STEP_LABELS: Record<string, { label: string; detail: string }> = {
  schema_creation: { label: "Create database schema", detail: "A PostgreSQL schema of its own" },
  migration_setup: { label: "Apply migrations", detail: "The tenant's tables, at the current version" },
  extensions_setup: { label: "Enable extensions", detail: "uuid-ossp, pgcrypto and friends" },
  admin_creation: { label: "Create admin user", detail: "The first owner and their membership" },
  template_settings: { label: "Apply template settings", detail: "Plan, limits, features and settings" },
  template_roles: { label: "Create template roles", detail: "The template's custom roles" },
  template_webhooks: { label: "Add webhook endpoints", detail: "Each with a fresh signing secret" },
  template_starter_data: { label: "Load starter data", detail: "The template's SQL, in the tenant's schema" },
  branding_apply: { label: "Apply branding", detail: "Colours and company name for the portal" },
};

function duration(s: Step): string | null {
  if (s.status !== "completed" || !s.started_at || !s.completed_at) return null;
  const ms = new Date(s.completed_at).getTime() - new Date(s.started_at).getTime();
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** The provisioning steps (five, or nine from a template) with a progress bar; used live while provisioning and as a record after. */
export function ProvisioningSteps({ steps }: { steps: Step[] }) {
  const done = steps.filter((s) => s.status === "completed").length;
  const pct = steps.length ? Math.round((done / steps.length) * 100) : 0;
  return (
    <div>
      <div className="mb-4">
        <div className="mb-1.5 flex justify-between text-xs text-slate-500 tabular-nums">
          <span>
            {done} of {steps.length} steps
          </span>
          <span>{pct}%</span>
        </div>
        <div role="progressbar" aria-label="Provisioning progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} className="h-2 overflow-hidden rounded-full bg-slate-100">
          <div className={cn("h-full rounded-full transition-[width] duration-500", pct === 100 ? "bg-emerald-500" : "bg-indigo-600")} style={{ width: `${pct}%` }} />
        </div>
      </div>
      <ol aria-label="Provisioning steps" className="grid gap-1 sm:grid-cols-2 lg:grid-cols-5 lg:gap-3">
        {steps.map((s) => {
          const meta = STEP_LABELS[s.name] ?? { label: s.name, detail: "" };
          const state = s.status === "in_progress" ? "Running" : s.status === "completed" ? "Done" : s.status === "failed" ? "Failed" : "Waiting";
          const took = duration(s);
          return (
            <li
              key={s.name}
              data-step={s.name}
              data-status={s.status}
              className={cn("flex items-start gap-2.5 rounded-md px-2 py-2 lg:flex-col lg:gap-2 lg:border lg:px-3", s.status === "in_progress" ? "lg:border-indigo-200 lg:bg-indigo-50/40" : "lg:border-slate-200")}
            >
              <StepIcon status={s.status} />
              <div className="min-w-0 flex-1">
                <p className={cn("text-[13px]", s.status === "pending" ? "text-slate-500" : "font-medium text-slate-900")}>{meta.label}</p>
                <p className="text-xs text-slate-500">{s.status === "failed" && s.error ? s.error : meta.detail}</p>
                <p className="mt-0.5 text-xs text-slate-500">
                  <span className="sr-only">{meta.label}: </span>
                  <span className={cn(s.status === "completed" && "text-emerald-700", s.status === "in_progress" && "text-indigo-700", s.status === "failed" && "text-red-700")}>{state}</span>
                  {took ? <span className="tabular-nums"> · {took}</span> : null}
                </p>
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
