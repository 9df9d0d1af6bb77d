"use client";

import { useState } from "react";
import { formatDateTime } from "@/components/console/format";
import { DataTable, type ColumnDef, type SortState } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import type { TableInfo } from "@/lib/schemas/tenant-db-schema";
import { formatMb, formatRows } from "./database-format";

type SortKey = "name" | "size" | "rows";

const compare: Record<SortKey, (a: TableInfo, b: TableInfo) => number> = {
  name: (a, b) => a.name.localeCompare(b.name),
  size: (a, b) => a.size_mb - b.size_mb || a.name.localeCompare(b.name),
  rows: (a, b) => a.row_count - b.row_count || a.name.localeCompare(b.name),
};

/** Every table of the schema, sortable here (the whole list is on the page); a row opens its detail. */
export function TablesList({ tables, onOpen }: { tables: TableInfo[]; onOpen: (name: string) => void }) {
  const [sort, setSort] = useState<SortState<SortKey>>({ sort: "size", order: "desc" });
  const rows = [...tables].sort((a, b) => (sort.order === "asc" ? 1 : -1) * compare[sort.sort](a, b));
  const columns: ColumnDef<TableInfo, unknown>[] = [
    {
      id: "name",
      header: "Table",
      meta: { card: "title", sortKey: "name" },
      cell: ({ row }) => (
        <button
          type="button"
          onClick={() => onOpen(row.original.name)}
          className="rounded font-mono text-[13px] font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
          data-testid="database-table-open"
        >
          {row.original.name}
        </button>
      ),
    },
    { id: "rows", header: "Rows", meta: { sortKey: "rows", className: "text-right tabular-nums" }, cell: ({ row }) => formatRows(row.original) },
    { id: "size", header: "Size", meta: { sortKey: "size", className: "text-right tabular-nums" }, cell: ({ row }) => formatMb(row.original.size_mb) },
    { id: "columns", header: "Columns", meta: { className: "text-right tabular-nums" }, cell: ({ row }) => row.original.columns.length },
    { id: "indexes", header: "Indexes", meta: { className: "text-right tabular-nums" }, cell: ({ row }) => row.original.indexes?.length ?? "—" },
    { id: "analyzed", header: "Last analyzed", cell: ({ row }) => <span className="text-slate-600">{row.original.last_analyzed ? formatDateTime(row.original.last_analyzed) : "Never"}</span> },
  ];
  return (
    <DataTable
      columns={columns}
      data={rows}
      getRowId={(t) => t.name}
      label="Tables"
      sort={sort}
      onSort={(s, o) => setSort({ sort: s, order: o })}
      onRowClick={(t) => onOpen(t.name)}
      rowTestId="database-table-row"
      minWidth="min-w-[640px]"
      empty={<EmptyState title="No tables" description="This schema has no tables yet." />}
    />
  );
}
