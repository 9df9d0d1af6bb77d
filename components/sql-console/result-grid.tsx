"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useMemo, useRef } from "react";
import { cn } from "@/components/ui/cn";

const ROW_HEIGHT = 33;
const NUMBER_WIDTH = 56;

/** A column's width in pixels from its name, type and the first rows' values (13px monospace, ~8.2px a character), between 96 and 400. */
function columnWidth(name: string, type: string, rows: unknown[][], index: number): number {
  let chars = Math.max(name.length, type.length + 2);
  for (let r = 0; r < Math.min(rows.length, 100); r++) chars = Math.max(chars, displayText(rows[r][index]).length);
  return Math.min(400, Math.max(96, Math.ceil(chars * 8.2) + 26));
}

function displayText(v: unknown): string {
  if (v === null || v === undefined) return "NULL";
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

/**
 * The rows of a result, virtualised (@tanstack/react-virtual): 10,000 rows
 * draw only the ones in view. It keeps table semantics (role=table with
 * aria-rowcount, each drawn row its aria-rowindex) so a screen reader knows
 * where it is; the scrolling region is focusable and scrolls both ways with
 * the keyboard. NULL is shown apart from the text "NULL".
 */
export function ResultGrid({ columns, rows, label }: { columns: { name: string; type: string }[]; rows: unknown[][]; label: string }) {
  const scroller = useRef<HTMLDivElement>(null);
  const widths = useMemo(() => columns.map((c, i) => columnWidth(c.name, c.type, rows, i)), [columns, rows]);
  const numeric = useMemo(() => columns.map((c) => NUMERIC_TYPES.test(c.type)), [columns]);
  const template = `${NUMBER_WIDTH}px ${widths.map((w) => `${w}px`).join(" ")}`;
  const total = NUMBER_WIDTH + widths.reduce((a, b) => a + b, 0);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read in this render only
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();

  return (
    <div
      ref={scroller}
      role="region"
      aria-label={`${label}, scrollable`}
      tabIndex={0}
      data-testid="sql-result-grid"
      className="relative max-h-[28rem] overflow-auto rounded-md border border-slate-200 bg-white focus-visible:outline-2 focus-visible:outline-indigo-600"
    >
      <div role="table" aria-label={label} aria-rowcount={rows.length + 1} aria-colcount={columns.length + 1} style={{ width: total, minWidth: "100%" }} className="text-[13px]">
        <div role="rowgroup" className="sticky top-0 z-10 border-b border-slate-200 bg-slate-50">
          <div role="row" aria-rowindex={1} className="grid" style={{ gridTemplateColumns: template }}>
            <div role="columnheader" aria-colindex={1} className="px-3 py-2 text-right text-xs font-medium text-slate-500">
              #
            </div>
            {columns.map((c, i) => (
              <div key={i} role="columnheader" aria-colindex={i + 2} className="min-w-0 border-l border-slate-200 px-3 py-1.5" title={`${c.name} (${c.type})`}>
                <span className="block truncate font-medium text-slate-900">{c.name}</span>
                <span className="block truncate font-mono text-[11px] text-slate-500">{c.type}</span>
              </div>
            ))}
          </div>
        </div>
        <div role="rowgroup" className="relative" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = rows[item.index];
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                data-testid="sql-result-row"
                className={cn("absolute inset-x-0 grid border-b border-slate-100 hover:bg-slate-50", item.index % 2 === 1 && "bg-slate-50/40")}
                style={{ gridTemplateColumns: template, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
              >
                <div role="rowheader" aria-colindex={1} className="px-3 py-1.5 text-right font-mono text-xs text-slate-500 tabular-nums">
                  {item.index + 1}
                </div>
                {columns.map((_, i) => (
                  <Cell key={i} value={row[i]} colIndex={i + 2} numeric={numeric[i]} />
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

const NUMERIC_TYPES = /^(int[248]?|smallint|integer|bigint|numeric|decimal|real|double precision|float[48]?|money|oid)\b/;

function Cell({ value, colIndex, numeric }: { value: unknown; colIndex: number; numeric: boolean }) {
  if (value === null || value === undefined)
    return (
      <div role="cell" aria-colindex={colIndex} className="border-l border-slate-100 px-3 py-1.5">
        {/* A null is a badge, so it cannot be mistaken for the text "NULL"; screen readers hear "null value". */}
        <span className="rounded bg-slate-100 px-1 font-mono text-[11px] text-slate-600 italic" data-null="true">
          <span aria-hidden="true">NULL</span>
          <span className="sr-only">null value</span>
        </span>
      </div>
    );
  const text = displayText(value);
  return (
    <div role="cell" aria-colindex={colIndex} title={text.length > 40 ? text : undefined} className={cn("truncate border-l border-slate-100 px-3 py-1.5 font-mono text-slate-800", numeric && "text-right tabular-nums")}>
      {text}
    </div>
  );
}
