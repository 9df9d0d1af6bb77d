import { Button, Spinner } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

// Literal class names, so Tailwind sees them: the row collapses below the breakpoint when there is nothing to show.
const LAYOUT = {
  sm: { base: "sm:ml-auto", idle: "hidden sm:flex" },
  lg: { base: "lg:ml-auto", idle: "hidden lg:flex" },
} as const;

/** The right end of a list's filter row: "Updating" while a refetch runs over shown data, and "Clear filters" when any is set. */
export function ListFilterStatus({ updating, filtered, onClear, breakpoint = "sm" }: { updating: boolean; filtered: boolean; onClear: () => void; breakpoint?: keyof typeof LAYOUT }) {
  const layout = LAYOUT[breakpoint];
  return (
    <div className={cn("h-9 items-center gap-3", layout.base, updating || filtered ? "flex" : layout.idle)}>
      {updating ? (
        <span className="flex items-center gap-1.5 text-xs text-slate-500" role="status">
          <Spinner className="size-3.5" /> Updating
        </span>
      ) : null}
      {filtered ? (
        <Button variant="ghost" size="sm" onClick={onClear}>
          Clear filters
        </Button>
      ) : null}
    </div>
  );
}
