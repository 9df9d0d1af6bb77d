"use client";

import { useId, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { DataTable, type ColumnDef } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";

/** The same figures as the chart, as rows of the accessible table view. */
export type ChartTable<T> = {
  /** Accessible name of the table (defaults to the chart's title). */
  label?: string;
  columns: ColumnDef<T, unknown>[];
  rows: T[];
  getRowId: (row: T) => string;
};

export type ChartEmpty = { title: string; description?: ReactNode };

type Props<T> = {
  title: string;
  description?: ReactNode;
  /**
   * The text alternative: what the chart shows in one or two sentences (latest value, trend, limit).
   * Read by screen readers when the figure takes focus; also printed under the chart.
   */
  summary: string;
  /** Controls next to the title (a period switcher, a metric picker); the table toggle is added after them. */
  actions?: ReactNode;
  table: ChartTable<T>;
  /** When set, the chart and its table give way to this message: no invented lines, no zero-filled axes. */
  empty?: ChartEmpty | null;
  /** Height of the plot area in pixels, so the card keeps its size while the chart mounts. */
  height?: number;
  /** A fetch for another period is under way: the current figures stay, dimmed. */
  busy?: boolean;
  /** Below the plot: a legend, a note on method. */
  footer?: ReactNode;
  className?: string;
  testId?: string;
  children: ReactNode;
};

/**
 * The frame every chart is drawn in: a titled figure that takes keyboard focus
 * and announces a text summary, a "Show as table" toggle rendering the same
 * data through the shared DataTable, and an honest empty state instead of a
 * flat line when nothing has been measured or reported.
 */
export function ChartFrame<T>({ title, description, summary, actions, table, empty, height = 240, busy = false, footer, className, testId, children }: Props<T>) {
  const [asTable, setAsTable] = useState(false);
  const id = useId();
  const titleId = `${id}-title`;
  const summaryId = `${id}-summary`;

  return (
    <Card className={cn("min-w-0", className)} data-testid={testId}>
      <CardHeader
        id={titleId}
        title={title}
        description={description}
        actions={
          actions || !empty ? (
            <div className="flex flex-wrap items-center justify-end gap-2">
              {actions}
              {empty ? null : (
                <Button variant="ghost" size="sm" aria-pressed={asTable} onClick={() => setAsTable((v) => !v)} data-testid="chart-view-toggle">
                  {asTable ? "Show as chart" : "Show as table"}
                </Button>
              )}
            </div>
          ) : null
        }
      />
      <CardBody className="px-3 sm:px-5">
        {empty ? (
          <div role="status">
            <EmptyState title={empty.title} description={empty.description} />
          </div>
        ) : (
          <figure
            tabIndex={0}
            aria-labelledby={titleId}
            aria-describedby={summaryId}
            aria-busy={busy}
            data-testid="chart-figure"
            className={cn("m-0 rounded-md focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-indigo-600", busy && "opacity-60 transition-opacity")}
          >
            {asTable ? (
              <div className="-mx-3 max-h-96 overflow-y-auto sm:-mx-5">
                <DataTable columns={table.columns} data={table.rows} getRowId={table.getRowId} label={table.label ?? `${title} as a table`} minWidth="min-w-0" />
              </div>
            ) : (
              // Hidden from assistive technology (the summary and the table carry the figures), so the chart inside must not be focusable: Recharts charts take accessibilityLayer={false}.
              <div aria-hidden="true" style={{ height }} className="min-w-0">
                {children}
              </div>
            )}
            <figcaption id={summaryId} className="mt-2 text-xs text-slate-500">
              {summary}
            </figcaption>
          </figure>
        )}
        {footer && !empty ? <div className="mt-3">{footer}</div> : null}
      </CardBody>
    </Card>
  );
}
