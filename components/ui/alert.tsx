import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

type Tone = "info" | "success" | "warning" | "danger";

const TONES: Record<Tone, string> = {
  info: "border-indigo-200 bg-indigo-50 text-indigo-900",
  success: "border-emerald-200 bg-emerald-50 text-emerald-900",
  warning: "border-amber-200 bg-amber-50 text-amber-900",
  danger: "border-red-200 bg-red-50 text-red-900",
};

const ICONS: Record<Tone, ReactNode> = {
  info: <path d="M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13Zm.75 9.75a.75.75 0 0 1-1.5 0V7.5a.75.75 0 0 1 1.5 0v3.75ZM8 5.9a.9.9 0 1 1 0-1.8.9.9 0 0 1 0 1.8Z" />,
  success: <path d="M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13Zm3.03 4.72-3.5 4a.75.75 0 0 1-1.1.04l-1.75-1.75a.75.75 0 1 1 1.06-1.06l1.18 1.18 2.98-3.4a.75.75 0 0 1 1.13.99Z" />,
  warning: <path d="M7.13 2.2a1 1 0 0 1 1.74 0l5.5 9.78A1 1 0 0 1 13.5 13.5h-11a1 1 0 0 1-.87-1.52l5.5-9.78ZM7.25 6v3a.75.75 0 0 0 1.5 0V6a.75.75 0 0 0-1.5 0ZM8 12a.9.9 0 1 0 0-1.8.9.9 0 0 0 0 1.8Z" />,
  danger: <path d="M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13ZM7.25 4.75a.75.75 0 0 1 1.5 0v3.5a.75.75 0 0 1-1.5 0v-3.5ZM8 11.5a.9.9 0 1 1 0-1.8.9.9 0 0 1 0 1.8Z" />,
};

/** A callout. `role` is "alert" for danger by default (announced), "status" otherwise. */
export function Alert({ tone = "info", title, children, actions, className, role }: { tone?: Tone; title?: ReactNode; children?: ReactNode; actions?: ReactNode; className?: string; role?: "alert" | "status" }) {
  return (
    <div role={role ?? (tone === "danger" ? "alert" : "status")} className={cn("flex flex-wrap items-start gap-3 rounded-lg border px-4 py-3 text-[13px]", TONES[tone], className)}>
      <svg viewBox="0 0 16 16" className="mt-0.5 size-4 shrink-0 opacity-80" fill="currentColor" aria-hidden="true">
        {ICONS[tone]}
      </svg>
      <div className="min-w-0 flex-1">
        {title ? <p className="font-semibold">{title}</p> : null}
        {children ? <div className={cn(title ? "mt-0.5" : null, "opacity-90")}>{children}</div> : null}
      </div>
      {actions ? <div className="flex shrink-0 items-center gap-2">{actions}</div> : null}
    </div>
  );
}
