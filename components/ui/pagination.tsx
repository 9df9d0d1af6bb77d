import { Button } from "@/components/ui/button";

type Page = { page: number; page_size: number; total_count: number; total_pages: number; has_next: boolean; has_prev: boolean };

/** The footer of a paged table, for the API's one pagination shape. */
export function Pagination({ pagination: p, noun, label = "Pagination", onPage }: { pagination: Page; noun: string; label?: string; onPage: (page: number) => void }) {
  const from = (p.page - 1) * p.page_size + 1;
  const to = Math.min(p.page * p.page_size, p.total_count);
  return (
    <nav aria-label={label} className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-5 py-3 text-[13px] text-slate-600">
      <p className="tabular-nums">
        Showing <span className="font-medium text-slate-900">{from}</span>–<span className="font-medium text-slate-900">{to}</span> of{" "}
        <span className="font-medium text-slate-900">{p.total_count}</span> {noun}
        {p.total_count === 1 ? "" : "s"}
      </p>
      <div className="flex items-center gap-2">
        <span className="text-slate-500 tabular-nums">
          Page {p.page} of {p.total_pages}
        </span>
        <Button variant="secondary" size="sm" disabled={!p.has_prev} onClick={() => onPage(p.page - 1)}>
          Previous
        </Button>
        <Button variant="secondary" size="sm" disabled={!p.has_next} onClick={() => onPage(p.page + 1)}>
          Next
        </Button>
      </div>
    </nav>
  );
}
