"use client";

/** Gmail's banner: the page is selected; widen the selection to every tenant the filters match (the bulk request's filter mode). */
export function SelectAllMatching({ pageCount, total, allMatching, onSelectAll, onClear }: { pageCount: number; total: number; allMatching: boolean; onSelectAll: () => void; onClear: () => void }) {
  const n = total.toLocaleString("en-US");
  return (
    <div className="flex flex-wrap items-center justify-center gap-x-2 gap-y-1 border-b border-slate-200 bg-iris-50 px-4 py-2 text-center text-[13px] text-slate-700" data-testid="select-all-matching">
      {allMatching ? (
        <>
          <span>All {n} tenants matching these filters are selected.</span>
          <button type="button" onClick={onClear} className="font-medium text-iris-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600">
            Clear selection
          </button>
        </>
      ) : (
        <>
          <span>All {pageCount} tenants on this page are selected.</span>
          <button type="button" onClick={onSelectAll} className="font-medium text-iris-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600">
            Select all {n} matching tenants
          </button>
        </>
      )}
    </div>
  );
}
