import { cn } from "@/components/ui/cn";

type Order = "asc" | "desc";

/** A sortable column header: one click sorts by it, the next flips the order; dates start newest first. */
export function SortHeader<K extends string>({
  label,
  sortKey,
  params,
  onSort,
  className,
}: {
  label: string;
  sortKey: K;
  params: { sort: string; order: Order };
  onSort: (s: K, o: Order) => void;
  className?: string;
}) {
  const active = params.sort === sortKey;
  const nextOrder: Order = active ? (params.order === "asc" ? "desc" : "asc") : sortKey === "created_at" ? "desc" : "asc";
  return (
    <th scope="col" aria-sort={active ? (params.order === "asc" ? "ascending" : "descending") : "none"} className={cn("px-3 py-1.5 font-medium", className)}>
      <button
        type="button"
        onClick={() => onSort(sortKey, nextOrder)}
        className={cn("-mx-1.5 inline-flex items-center gap-1 rounded px-1.5 py-1 hover:bg-slate-200/60 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-indigo-600", active && "text-slate-900")}
      >
        {label}
        <svg viewBox="0 0 16 16" className={cn("size-3.5", active ? "text-slate-700" : "text-slate-300")} fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
          {active ? (
            params.order === "asc" ? <path d="m4.5 9.5 3.5-3.5 3.5 3.5" strokeLinecap="round" strokeLinejoin="round" /> : <path d="m4.5 6.5 3.5 3.5 3.5-3.5" strokeLinecap="round" strokeLinejoin="round" />
          ) : (
            <path d="m5 6 3-3 3 3M5 10l3 3 3-3" strokeLinecap="round" strokeLinejoin="round" />
          )}
        </svg>
        <span className="sr-only">{active ? `, sorted ${params.order === "asc" ? "ascending" : "descending"}` : ", sortable"}</span>
      </button>
    </th>
  );
}
