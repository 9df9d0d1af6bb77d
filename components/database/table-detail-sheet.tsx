"use client";

import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { DataTable, type ColumnDef } from "@/components/ui/data-table";
import { Sheet } from "@/components/ui/sheet";
import type { ForeignKeyInfo, TableInfo } from "@/lib/schemas/tenant-db-schema";
import { formatDateTime } from "@/components/console/format";
import { formatMb, formatRows } from "./database-format";

type Column = TableInfo["columns"][number];
type Index = NonNullable<TableInfo["indexes"]>[number];
type Constraint = NonNullable<TableInfo["constraints"]>[number];

const mono = "font-mono text-[12.5px]";

const columnColumns: ColumnDef<Column, unknown>[] = [
  { id: "name", header: "Column", meta: { card: "title" }, cell: ({ row }) => <span className={`${mono} font-medium text-slate-900`}>{row.original.name}</span> },
  { id: "type", header: "Type", cell: ({ row }) => <span className={mono}>{row.original.type}</span> },
  { id: "nullable", header: "Null", cell: ({ row }) => (row.original.nullable ? "Yes" : "No") },
  { id: "default", header: "Default", cell: ({ row }) => (row.original.default ? <span className={`${mono} break-all`}>{row.original.default}</span> : "—") },
  {
    id: "constraints",
    header: "Constraints",
    cell: ({ row }) => {
      // NOT NULL is the Null column already.
      const shown = row.original.constraints.filter((c) => c !== "NOT NULL");
      if (shown.length === 0) return "—";
      return (
        <span className="flex flex-wrap gap-1">
          {shown.map((c) => (
            <Badge key={c} tone={c === "PRIMARY KEY" ? "indigo" : c === "FOREIGN KEY" ? "sky" : "slate"}>
              {c}
            </Badge>
          ))}
        </span>
      );
    },
  },
];

const indexColumns: ColumnDef<Index, unknown>[] = [
  { id: "name", header: "Index", meta: { card: "title" }, cell: ({ row }) => <span className={`${mono} font-medium text-slate-900`}>{row.original.name}</span> },
  { id: "columns", header: "Columns", cell: ({ row }) => <span className={mono}>{row.original.columns.join(", ")}</span> },
  { id: "method", header: "Method", cell: ({ row }) => row.original.method },
  { id: "kind", header: "Kind", cell: ({ row }) => (row.original.primary ? "Primary key" : row.original.unique ? "Unique" : "—") },
];

const constraintColumns: ColumnDef<Constraint, unknown>[] = [
  { id: "name", header: "Constraint", meta: { card: "title" }, cell: ({ row }) => <span className={`${mono} font-medium text-slate-900`}>{row.original.name}</span> },
  { id: "type", header: "Type", cell: ({ row }) => row.original.type.replace("_", " ") },
  { id: "definition", header: "Definition", cell: ({ row }) => <span className={`${mono} break-all`}>{row.original.definition}</span> },
];

const fkColumns: ColumnDef<ForeignKeyInfo, unknown>[] = [
  { id: "name", header: "Foreign key", meta: { card: "title" }, cell: ({ row }) => <span className={`${mono} font-medium text-slate-900`}>{row.original.name}</span> },
  { id: "from", header: "Columns", cell: ({ row }) => <span className={mono}>{row.original.columns.join(", ")}</span> },
  { id: "to", header: "References", cell: ({ row }) => <span className={mono}>{`${row.original.references_table}(${row.original.references_columns.join(", ")})`}</span> },
  { id: "on_delete", header: "On delete", cell: ({ row }) => row.original.on_delete },
];

function Section({ title, count, children }: { title: string; count: number; children: ReactNode }) {
  return (
    <section className="border-t border-slate-100 pt-4 first:border-t-0 first:pt-0">
      <h3 className="mb-2 px-5 text-[13px] font-semibold text-slate-900">
        {title} <span className="font-normal text-slate-500">({count})</span>
      </h3>
      {children}
    </section>
  );
}

const none = (what: string) => <p className="px-5 text-[13px] text-slate-500">No {what}.</p>;

/** One table's columns, indexes, constraints and foreign keys (outgoing and incoming), in a side panel. */
export function TableDetailSheet({ table, foreignKeys, onClose }: { table: TableInfo | null; foreignKeys: ForeignKeyInfo[]; onClose: () => void }) {
  const outgoing = table ? foreignKeys.filter((f) => f.table === table.name) : [];
  const incoming = table ? foreignKeys.filter((f) => f.references_table === table.name && f.table !== table.name) : [];
  return (
    <Sheet
      open={table !== null}
      onClose={onClose}
      title={<span className="font-mono">{table?.name}</span>}
      description={table ? `${formatRows(table)} rows · ${formatMb(table.size_mb)} · analyzed ${table.last_analyzed ? formatDateTime(table.last_analyzed) : "never"}` : null}
      testId="database-table-detail"
    >
      {table ? (
        <div className="space-y-5 py-4">
          <Section title="Columns" count={table.columns.length}>
            <DataTable columns={columnColumns} data={table.columns} getRowId={(c) => c.name} label={`Columns of ${table.name}`} minWidth="min-w-0" breakpoint="lg" />
          </Section>
          <Section title="Indexes" count={table.indexes?.length ?? 0}>
            {table.indexes?.length ? <DataTable columns={indexColumns} data={table.indexes} getRowId={(i) => i.name} label={`Indexes of ${table.name}`} minWidth="min-w-0" breakpoint="lg" /> : none("indexes")}
          </Section>
          <Section title="Constraints" count={table.constraints?.length ?? 0}>
            {table.constraints?.length ? (
              <DataTable columns={constraintColumns} data={table.constraints} getRowId={(c) => c.name} label={`Constraints of ${table.name}`} minWidth="min-w-0" breakpoint="lg" />
            ) : (
              none("constraints")
            )}
          </Section>
          <Section title="Foreign keys" count={outgoing.length}>
            {outgoing.length ? <DataTable columns={fkColumns} data={outgoing} getRowId={(f) => f.name} label={`Foreign keys of ${table.name}`} minWidth="min-w-0" breakpoint="lg" /> : none("foreign keys")}
          </Section>
          {incoming.length ? (
            <Section title="Referenced by" count={incoming.length}>
              <DataTable
                columns={[{ id: "table", header: "Table", meta: { card: "title" }, cell: ({ row }) => <span className={mono}>{row.original.table}</span> }, ...fkColumns.slice(0, 2), fkColumns[3]]}
                data={incoming}
                getRowId={(f) => `${f.table}.${f.name}`}
                label={`Foreign keys referencing ${table.name}`}
                minWidth="min-w-0"
                breakpoint="lg"
              />
            </Section>
          ) : null}
        </div>
      ) : null}
    </Sheet>
  );
}
