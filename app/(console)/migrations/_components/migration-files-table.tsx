"use client";

import { DataTable, type ColumnDef } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";

export type MigrationFileRow = { version: string; name: string; has_down: boolean; checksum: string };

const columns: ColumnDef<MigrationFileRow, unknown>[] = [
  { id: "version", header: "Version", meta: { card: "title" }, cell: ({ row: { original: m } }) => <span className="font-mono text-[13px] text-slate-900">{m.version}</span> },
  { id: "name", header: "Name", meta: { className: "text-slate-700" }, cell: ({ row: { original: m } }) => m.name },
  {
    id: "down",
    header: "down.sql",
    cell: ({ row: { original: m } }) => (m.has_down ? <span className="text-emerald-700">Yes</span> : <span className="text-slate-500">No (cannot be reverted)</span>),
  },
  {
    id: "checksum",
    header: "Checksum",
    cell: ({ row: { original: m } }) => (
      <span title={m.checksum} className="font-mono text-xs text-slate-500">
        {m.checksum.slice(0, 12)}…
      </span>
    ),
  },
];

/** The project's tenant migrations (prisma/tenant-migrations), oldest first. */
export function MigrationFilesTable({ files }: { files: MigrationFileRow[] }) {
  return <DataTable label="Tenant migrations" columns={columns} data={files} getRowId={(m) => m.version} rowTestId="migration-file-row" minWidth="min-w-[640px]" empty={<EmptyState title="No tenant migrations" />} />;
}
