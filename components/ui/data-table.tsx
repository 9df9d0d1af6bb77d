"use client";

import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type Row, type RowData, type RowSelectionState } from "@tanstack/react-table";
import { useRouter } from "next/navigation";
import { useRef, type MouseEvent, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { Skeleton } from "@/components/ui/skeleton";
import { SortHeader } from "@/components/ui/sort-header";
import { ACTIVE_ROW_CLASSES, useRowKeyboard } from "@/components/ui/use-row-keyboard";

declare module "@tanstack/react-table" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the generic parameters must match the library's declaration
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Where the phone card shows the column: its title line, top-right (actions), a labelled field (default), or not at all. */
    card?: "title" | "actions" | "field" | "hidden";
    /** The server's sort key: the header becomes a sort button driving the list's URL state. */
    sortKey?: string;
    /** Extra classes for the header cell and the body cells (alignment, width). */
    className?: string;
    /** The header is for screen readers only (e.g. "Actions"); cards show no label for it. */
    srOnlyHeader?: boolean;
    /** Width class of the loading placeholder. */
    skeleton?: string;
  }
}

export type { ColumnDef };
export type SortState<K extends string = string> = { sort: K; order: "asc" | "desc" };

// Literal class names per breakpoint, so Tailwind sees them in the source.
const AT = {
  md: { table: "hidden md:block", cards: "md:hidden" },
  lg: { table: "hidden lg:block", cards: "lg:hidden" },
} as const;

const INTERACTIVE = "a, button, input, select, textarea, label, [role=menu], [role=menuitem]";

// One empty array while loading: a new one each render makes the table recompute its rows, and each
// recompute queues a page-index reset whose state update renders again, forever (the tab freezes).
const NO_ROWS: never[] = [];

/**
 * The one list component: columns are declared once (TanStack Table column
 * definitions) and drawn as a table from `breakpoint` up and as stacked cards
 * below it, so nothing scrolls sideways on a phone. Sorting is the server's
 * (through the page's URL state); row selection is ready for bulk actions.
 * `data` undefined means loading (skeleton rows); an empty array shows `empty`.
 */
export function DataTable<T, K extends string = string>({
  columns,
  data,
  getRowId,
  label,
  sort,
  onSort,
  selection,
  onSelectionChange,
  selectLabel,
  rowHref,
  onRowNavigate,
  onRowClick: onRowSelect,
  rowTestId,
  rowClassName,
  busy = false,
  dimmed = false,
  breakpoint = "md",
  minWidth = "min-w-[720px]",
  skeletonRows = 5,
  empty,
}: {
  columns: ColumnDef<T, unknown>[];
  data: T[] | undefined;
  getRowId: (row: T) => string;
  /** Accessible name of the table and of the card list. */
  label: string;
  sort?: SortState<K>;
  onSort?: (sort: K, order: "asc" | "desc") => void;
  /** Row selection (checkboxes; shift-click or shift-Space selects the range from the last box toggled). */
  selection?: RowSelectionState;
  onSelectionChange?: (next: RowSelectionState) => void;
  /** The checkbox's accessible name for a row (default "Select <row id>"). */
  selectLabel?: (row: T) => string;
  /** Makes the whole row (and card) open this address; the cell's own links and buttons keep working. */
  rowHref?: (row: T) => string;
  /** Called before a row click navigates (e.g. to stop a pending search from rewriting the new URL). */
  onRowNavigate?: () => void;
  /** Makes the whole row (and card) do this instead (e.g. open a side panel); a cell should hold a button doing the same, for keyboards. */
  onRowClick?: (row: T) => void;
  rowTestId?: string;
  rowClassName?: (row: T) => string | undefined;
  busy?: boolean;
  dimmed?: boolean;
  breakpoint?: keyof typeof AT;
  minWidth?: string;
  skeletonRows?: number;
  empty?: ReactNode;
}) {
  const router = useRouter();
  // eslint-disable-next-line react-hooks/incompatible-library -- the table instance lives only in this render; nothing memoised receives it
  const table = useReactTable<T>({
    data: data ?? NO_ROWS,
    columns,
    getRowId: (row) => getRowId(row),
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    // Paging is the server's too; nothing here may reset a page index.
    manualPagination: true,
    enableRowSelection: Boolean(selection),
    state: { rowSelection: selection ?? {} },
    onRowSelectionChange: (updater) => onSelectionChange?.(typeof updater === "function" ? updater(selection ?? {}) : updater),
  });
  const leafColumns = table.getAllLeafColumns();
  const rows = table.getRowModel().rows;
  const headerText = (id: string) => {
    const h = leafColumns.find((c) => c.id === id)?.columnDef.header;
    return typeof h === "string" ? h : "";
  };

  const onRowClick = rowHref
    ? (row: Row<T>) => (e: MouseEvent) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || e.button !== 0) return;
        onRowNavigate?.();
        if ((e.target as HTMLElement).closest(INTERACTIVE)) return;
        router.push(rowHref(row.original));
      }
    : onRowSelect
      ? (row: Row<T>) => (e: MouseEvent) => {
          if (e.button !== 0 || (e.target as HTMLElement).closest(INTERACTIVE)) return;
          onRowSelect(row.original);
        }
      : undefined;

  // The row last toggled by hand: a shift-toggle applies its new state to every row between the two.
  const anchor = useRef<string | null>(null);
  const toggle = (row: Row<T>, range: boolean) => {
    const value = !row.getIsSelected();
    const ids = rows.map((r) => r.id);
    const from = range && anchor.current !== null ? ids.indexOf(anchor.current) : -1;
    const to = ids.indexOf(row.id);
    const span = from < 0 ? [row.id] : ids.slice(Math.min(from, to), Math.max(from, to) + 1);
    const next = { ...selection };
    for (const id of span) {
      if (value) next[id] = true;
      else delete next[id];
    }
    anchor.current = row.id;
    onSelectionChange?.(next);
  };

  const selectBox = (row: Row<T>) => (
    <input
      type="checkbox"
      aria-label={selectLabel ? selectLabel(row.original) : `Select ${getRowId(row.original)}`}
      className="size-4 rounded border-slate-300 accent-indigo-600"
      checked={row.getIsSelected()}
      disabled={!row.getCanSelect()}
      // Click, not change: only the click says whether shift was held (Space on a checkbox clicks it too).
      onClick={(e) => toggle(row, e.shiftKey)}
      onChange={() => undefined}
    />
  );

  // j/k/Enter (the keyboard shortcuts): the same destination as a click on the row.
  const keys = useRowKeyboard(
    rows.length,
    rowHref
      ? (i) => {
          onRowNavigate?.();
          router.push(rowHref(rows[i].original));
        }
      : onRowSelect
        ? (i) => onRowSelect(rows[i].original)
        : null,
  );

  const sortableColumns = leafColumns.filter((c) => c.columnDef.meta?.sortKey);
  const last = leafColumns.length - 1;
  const edge = (i: number) => cn(i === 0 && !selection && "pl-5", i === last && "pr-5");

  return (
    <div {...keys.containerProps} className={cn(dimmed && "opacity-60 transition-opacity")}>
      {/* Phones: one card per row, every column a labelled line. */}
      <div className={AT[breakpoint].cards}>
        {sort && onSort && sortableColumns.length > 0 && data && data.length > 1 ? (
          <div className="flex items-center justify-end gap-2 border-b border-slate-100 px-4 py-2 text-[13px] text-slate-600">
            <label htmlFor={`${label}-sort`.replace(/\W+/g, "-")}>Sort by</label>
            <select
              id={`${label}-sort`.replace(/\W+/g, "-")}
              value={`${sort.sort}:${sort.order}`}
              onChange={(e) => {
                const [s, o] = e.target.value.split(":");
                onSort(s as K, o as "asc" | "desc");
              }}
              className="rounded-md border-0 bg-transparent py-1 pr-1 font-medium text-slate-900 ring-1 ring-slate-200 focus-visible:outline-2 focus-visible:outline-indigo-600"
            >
              {sortableColumns.flatMap((c) => {
                const key = c.columnDef.meta!.sortKey!;
                const name = headerText(c.id);
                return [
                  <option key={`${key}:asc`} value={`${key}:asc`}>
                    {name} ↑
                  </option>,
                  <option key={`${key}:desc`} value={`${key}:desc`}>
                    {name} ↓
                  </option>,
                ];
              })}
            </select>
          </div>
        ) : null}
        {selection && data && data.length > 0 ? (
          // The header's "select the page" box, for the cards (which have no header row).
          <label className="flex items-center gap-3 border-b border-slate-100 px-4 py-2 text-[13px] text-slate-600">
            <input
              type="checkbox"
              className="size-4 rounded border-slate-300 accent-indigo-600"
              checked={table.getIsAllPageRowsSelected()}
              ref={(el) => {
                if (el) el.indeterminate = table.getIsSomePageRowsSelected();
              }}
              onChange={table.getToggleAllPageRowsSelectedHandler()}
            />
            Select all rows on this page
          </label>
        ) : null}
        <ul aria-label={label} aria-busy={busy} className="divide-y divide-slate-100">
          {!data
            ? Array.from({ length: Math.min(skeletonRows, 3) }, (_, i) => (
                <li key={i} className="space-y-2 px-4 py-3.5" aria-hidden="true">
                  <Skeleton className="h-3.5 w-40" />
                  <Skeleton className="h-3 w-56" />
                </li>
              ))
            : rows.map((row, rowIndex) => {
                const cells = row.getVisibleCells();
                const place = (where: string) => cells.filter((c) => (c.column.columnDef.meta?.card ?? "field") === where);
                return (
                  <li
                    key={row.id}
                    {...keys.rowProps(rowIndex)}
                    data-testid={rowTestId ? `${rowTestId}-card` : undefined}
                    onClick={onRowClick?.(row)}
                    className={cn("px-4 py-3", onRowClick && "cursor-pointer active:bg-slate-50", ACTIVE_ROW_CLASSES, rowClassName?.(row.original))}
                  >
                    <div className="flex items-start gap-3">
                      {selection ? <div className="pt-0.5">{selectBox(row)}</div> : null}
                      <div className="min-w-0 flex-1 text-sm">
                        {place("title").map((c) => (
                          <div key={c.id} className="min-w-0">
                            {flexRender(c.column.columnDef.cell, c.getContext())}
                          </div>
                        ))}
                      </div>
                      {place("actions").map((c) => (
                        <div key={c.id} className="-my-1 shrink-0">
                          {flexRender(c.column.columnDef.cell, c.getContext())}
                        </div>
                      ))}
                    </div>
                    {place("field").length ? (
                      <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-2 text-[13px]">
                        {place("field").map((c) => (
                          <div key={c.id} className="min-w-0">
                            <dt className={c.column.columnDef.meta?.srOnlyHeader ? "sr-only" : "text-xs text-slate-500"}>{headerText(c.column.id)}</dt>
                            <dd className="mt-0.5 min-w-0 break-words text-slate-700">{flexRender(c.column.columnDef.cell, c.getContext())}</dd>
                          </div>
                        ))}
                      </dl>
                    ) : null}
                  </li>
                );
              })}
        </ul>
      </div>

      {/* From the breakpoint up: the table; it still scrolls inside its card if a window is narrower than its columns. */}
      <div className={cn(AT[breakpoint].table, "relative overflow-x-auto")}>
        <table className={cn("w-full text-left text-sm", minWidth)} aria-label={label} aria-busy={busy}>
          <thead className="border-b border-slate-200 bg-slate-50/80 text-xs font-medium text-slate-500">
            <tr>
              {selection ? (
                <th scope="col" className="w-10 py-2.5 pr-1 pl-5">
                  <input
                    type="checkbox"
                    aria-label="Select all rows on this page"
                    className="size-4 rounded border-slate-300 accent-indigo-600"
                    checked={table.getIsAllPageRowsSelected()}
                    ref={(el) => {
                      if (el) el.indeterminate = table.getIsSomePageRowsSelected();
                    }}
                    onChange={table.getToggleAllPageRowsSelectedHandler()}
                  />
                </th>
              ) : null}
              {table.getFlatHeaders().map((header, i) => {
                const meta = header.column.columnDef.meta;
                if (meta?.sortKey && sort && onSort) {
                  return <SortHeader key={header.id} label={headerText(header.column.id)} sortKey={meta.sortKey as K} params={sort} onSort={onSort} className={cn(edge(i), meta.className)} />;
                }
                const text = headerText(header.column.id);
                return (
                  <th key={header.id} scope="col" className={cn("px-3 py-2.5 font-medium", edge(i), meta?.className)}>
                    {meta?.srOnlyHeader ? <span className="sr-only">{text}</span> : text}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {!data
              ? Array.from({ length: skeletonRows }, (_, r) => (
                  <tr key={r} aria-hidden="true">
                    {selection ? <td className="py-3.5 pr-1 pl-5" /> : null}
                    {leafColumns.map((c, i) => (
                      <td key={c.id} className={cn("px-3 py-3.5", edge(i))}>
                        <Skeleton className={cn("h-3.5", c.columnDef.meta?.skeleton ?? "w-20")} />
                      </td>
                    ))}
                  </tr>
                ))
              : rows.map((row, rowIndex) => (
                  <tr
                    key={row.id}
                    {...keys.rowProps(rowIndex)}
                    data-testid={rowTestId}
                    onClick={onRowClick?.(row)}
                    className={cn("transition-colors hover:bg-slate-50", onRowClick && "cursor-pointer", ACTIVE_ROW_CLASSES, rowClassName?.(row.original))}
                  >
                    {selection ? <td className="py-3 pr-1 pl-5">{selectBox(row)}</td> : null}
                    {row.getVisibleCells().map((cell, i) => (
                      <td key={cell.id} className={cn("px-3 py-3", edge(i), cell.column.columnDef.meta?.className)}>
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </td>
                    ))}
                  </tr>
                ))}
          </tbody>
        </table>
      </div>
      {data && data.length === 0 ? empty : null}
    </div>
  );
}
