"use client";

import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { ChartFrame, type ChartEmpty } from "@/components/charts/chart-frame";
import type { ColumnDef } from "@/components/ui/data-table";
import { fmtCount } from "./format";

export type CountRow = { key: string; label: string; color: string; count: number };

/**
 * Tenants counted per category (plan, status, health) as horizontal bars with
 * the count at each bar's end; the table view shows the same counts plus any
 * `columns` the caller adds (a segment's members, calls, storage).
 */
export function CountBars<R extends CountRow>({ title, description, rows, noun, columns = [], empty, busy, testId, footer }: { title: string; description?: string; rows: R[]; noun: string; columns?: ColumnDef<R, unknown>[]; empty: ChartEmpty; busy?: boolean; testId?: string; footer?: React.ReactNode }) {
  const total = rows.reduce((s, r) => s + r.count, 0);
  const summary = total === 0 ? `No ${noun}.` : `${fmtCount(total)} ${noun}: ${rows.map((r) => `${r.label} ${fmtCount(r.count)}`).join(", ")}.`;
  const tableColumns: ColumnDef<R, unknown>[] = [
    { id: "label", header: "Category", meta: { card: "title" }, cell: ({ row }) => row.original.label },
    { id: "count", header: noun[0].toUpperCase() + noun.slice(1), meta: { className: "text-right tabular-nums" }, cell: ({ row }) => fmtCount(row.original.count) },
    ...columns,
  ];
  return (
    <ChartFrame
      title={title}
      description={description}
      summary={summary}
      busy={busy}
      testId={testId}
      height={Math.max(112, rows.length * 36)}
      empty={total === 0 ? empty : null}
      footer={footer}
      table={{ columns: tableColumns, rows, getRowId: (r) => r.key }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" margin={{ top: 0, right: 40, bottom: 0, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke="var(--chart-grid)" strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11, fill: "var(--chart-axis)" }} tickLine={false} axisLine={false} />
          <YAxis type="category" dataKey="label" width={116} tick={{ fontSize: 12, fill: "var(--chart-label)" }} tickLine={false} axisLine={false} />
          <Bar dataKey="count" radius={[0, 4, 4, 0]} barSize={20} isAnimationActive={false}>
            {rows.map((r) => (
              <Cell key={r.key} fill={r.color} />
            ))}
            <LabelList dataKey="count" position="right" style={{ fontSize: 12, fill: "var(--chart-label)" }} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
