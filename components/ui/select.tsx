import { forwardRef, type SelectHTMLAttributes } from "react";
import { cn } from "@/components/ui/cn";
import { controlClasses } from "@/components/ui/input";

type Props = SelectHTMLAttributes<HTMLSelectElement> & { invalid?: boolean };

export const Select = forwardRef<HTMLSelectElement, Props>(function Select({ invalid, className, children, ...rest }, ref) {
  return (
    <div className={cn("relative", className)}>
      <select ref={ref} aria-invalid={invalid || undefined} className={cn(controlClasses(invalid), "h-9 appearance-none pr-8")} {...rest}>
        {children}
      </select>
      <svg className="pointer-events-none absolute top-1/2 right-2.5 size-4 -translate-y-1/2 text-slate-400" viewBox="0 0 16 16" fill="none" aria-hidden="true">
        <path d="m4.5 6.5 3.5 3.5 3.5-3.5" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
    </div>
  );
});
