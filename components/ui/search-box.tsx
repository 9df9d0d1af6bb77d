import { cn } from "@/components/ui/cn";
import { controlClasses } from "@/components/ui/input";
import { SearchIcon } from "@/components/ui/search-icon";

/** A list's search field: a visually hidden label, the magnifier, and the input. */
export function SearchBox({ id, label, value, onChange, placeholder, className }: { id: string; label: string; value: string; onChange: (value: string) => void; placeholder: string; className?: string }) {
  return (
    <div className={cn("relative flex-1", className)}>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <SearchIcon className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-slate-400" />
      <input id={id} type="search" value={value} onChange={(e) => onChange(e.target.value)} placeholder={placeholder} className={cn(controlClasses(false), "h-9 pl-8")} />
    </div>
  );
}
