import type { InputHTMLAttributes, ReactNode } from "react";
import { cn } from "@/components/ui/cn";

/**
 * A checkbox or radio with its label and a line of help, the whole row
 * clickable. A disabled choice keeps its help visible, since that is where
 * it says why (e.g. "the server has no encryption key").
 */
export function Choice({ label, hint, className, type = "checkbox", ...input }: Omit<InputHTMLAttributes<HTMLInputElement>, "type"> & { type?: "checkbox" | "radio"; label: ReactNode; hint?: ReactNode }) {
  return (
    <label className={cn("flex items-start gap-2.5 rounded-md px-2 py-1.5", input.disabled ? "cursor-not-allowed" : "cursor-pointer hover:bg-slate-50", className)}>
      <input type={type} className="mt-0.5 size-4 shrink-0 border-slate-300 accent-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600" {...input} />
      <span className="min-w-0">
        <span className={cn("block text-[13px] font-medium", input.disabled ? "text-slate-500" : "text-slate-800")}>{label}</span>
        {hint ? <span className="block text-xs text-slate-500">{hint}</span> : null}
      </span>
    </label>
  );
}
