"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFrame } from "@/components/charts/chart-frame";
import type { ColumnDef } from "@/components/ui/data-table";
import type { TableInfo } from "@/lib/schemas/tenant-db-schema";
import { formatMb, formatRows } from "./database-format";

const TOP = 8;
const BAR = "var(--color-indigo-600, #4f46e5)";

type Row = { name: string; size_mb: number; rows: string };

const tableColumns: ColumnDef<Row, unknown>[] = [
  { accessorKey: "name", header: "Table", meta: { card: "title" } },
  { accessorKey: "size_mb", header: "Size", cell: ({ row }) => formatMb(row.original.size_mb), meta: { className: "text-right tabular-nums" } },
  { accessorKey: "rows", header: "Rows", meta: { className: "text-right tabular-nums" } },
];

/** The largest tables by total size (table, indexes, TOAST), as bars; the same figures as a table on request. */
export function LargestTablesChart({ tables }: { tables: TableInfo[] }) {
  const rows: Row[] = [...tables]
    .sort((a, b) => b.size_mb - a.size_mb || a.name.localeCompare(b.name))
    .slice(0, TOP)
    .map((t) => ({ name: t.name, size_mb: t.size_mb, rows: formatRows(t) }));
  const total = tables.reduce((n, t) => n + t.size_mb, 0);
  const summary =
    rows.length === 0
      ? "The schema has no tables."
      : `Largest: ${rows[0].name} at ${formatMb(rows[0].size_mb)}${total > 0 ? ` (${Math.round((rows[0].size_mb / total) * 100)} % of all tables)` : ""}; ` +
        `${rows.length} of ${tables.length} tables shown.`;
  return (
    <ChartFrame
      title="Largest tables"
      description="Total size on disk, indexes and TOAST included"
      summary={summary}
      table={{ columns: tableColumns, rows, getRowId: (r) => r.name }}
      empty={rows.length === 0 ? { title: "No tables yet", description: "Tables appear here once a migration or the SQL console creates them." } : null}
      height={Math.max(160, rows.length * 34 + 24)}
      testId="largest-tables-chart"
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke="var(--chart-grid)" strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" dataKey="size_mb" tickFormatter={(v: number) => formatMb(v)} tick={{ fontSize: 11, fill: "var(--chart-axis)" }} tickLine={false} axisLine={{ stroke: "var(--chart-grid)" }} />
          <YAxis type="category" dataKey="name" width={120} tick={{ fontSize: 11, fill: "var(--chart-label)" }} tickLine={false} axisLine={false} interval={0} />
          <Tooltip
            cursor={{ fill: "var(--chart-cursor-fill)" }}
            content={({ active, payload }) => {
              const p = active && payload?.[0] ? (payload[0].payload as Row) : null;
              if (!p) return null;
              return (
                <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs shadow-md">
                  <p className="font-medium text-slate-900">{p.name}</p>
                  <p className="mt-0.5 tabular-nums text-slate-600">{formatMb(p.size_mb)}</p>
                  <p className="tabular-nums text-slate-600">{p.rows} rows</p>
                </div>
              );
            }}
          />
          <Bar dataKey="size_mb" name="Size" fill={BAR} radius={[0, 3, 3, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
