"use client";

import { formatDateTime } from "@/components/console/format";
import { Card, CardHeader } from "@/components/ui/card";
import { DataTable, type ColumnDef } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import type { AppliedTenantMigration } from "@/lib/tenant-migrations/schema-migrations-table";

const columns: ColumnDef<AppliedTenantMigration, unknown>[] = [
  { id: "version", header: "Version", meta: { card: "title" }, cell: ({ row }) => <span className="font-mono text-[13px] font-medium text-slate-900">{row.original.version}</span> },
  { id: "name", header: "Name", cell: ({ row }) => row.original.name },
  {
    id: "checksum",
    header: "Checksum (SHA-256)",
    cell: ({ row }) => <code className="block max-w-[18rem] font-mono text-[12px] break-all text-slate-600">{row.original.checksum}</code>,
  },
  { id: "applied_at", header: "Applied", cell: ({ row }) => <span className="text-slate-600">{formatDateTime(row.original.applied_at)}</span> },
  { id: "took", header: "Took", meta: { className: "text-right tabular-nums" }, cell: ({ row }) => `${row.original.execution_time_ms.toLocaleString("en-US")} ms` },
];

/** The tenant migrations recorded in the schema's schema_migrations, oldest first. */
export function AppliedMigrationsCard({ migrations }: { migrations: AppliedTenantMigration[] }) {
  return (
    <Card data-testid="applied-migrations">
      <CardHeader title="Applied migrations" description="Recorded in the schema's schema_migrations table; the checksum is the SHA-256 of the SQL that ran." />
      <DataTable
        columns={columns}
        data={migrations}
        getRowId={(m) => m.version}
        label="Applied migrations"
        minWidth="min-w-[640px]"
        empty={<EmptyState title="No migrations applied" description="This schema has no schema_migrations record yet." />}
      />
    </Card>
  );
}
