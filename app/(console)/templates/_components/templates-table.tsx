"use client";

import Link from "next/link";
import { formatNumber } from "@/components/console/format";
import { Badge } from "@/components/ui/badge";
import { DataTable, type ColumnDef } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PLAN_DEFINITIONS, type Plan } from "@/lib/tenants/plans";

export type TemplateRow = { id: string; key: string; name: string; description: string; built_in: boolean; plan: Plan; current_version: number; tenant_count: number; roles: number; endpoints: number; updated_at: string };

const columns: ColumnDef<TemplateRow, unknown>[] = [
  {
    id: "name",
    header: "Template",
    meta: { card: "title" },
    cell: ({ row: { original: t } }) => (
      <div className="min-w-0">
        <Link href={`/templates/${t.id}`} className="font-medium text-slate-900 hover:underline">
          {t.name}
        </Link>
        {t.built_in ? (
          <Badge tone="indigo" className="ml-2">
            Built-in
          </Badge>
        ) : null}
        <p className="truncate font-mono text-xs text-slate-500">{t.key}</p>
      </div>
    ),
  },
  { id: "plan", header: "Plan", cell: ({ row: { original: t } }) => PLAN_DEFINITIONS[t.plan].label },
  { id: "version", header: "Version", meta: { className: "tabular-nums" }, cell: ({ row: { original: t } }) => `v${t.current_version}` },
  { id: "contents", header: "Adds", cell: ({ row: { original: t } }) => <span className="text-slate-600">{[t.roles ? `${t.roles} role${t.roles === 1 ? "" : "s"}` : null, t.endpoints ? `${t.endpoints} endpoint${t.endpoints === 1 ? "" : "s"}` : null].filter(Boolean).join(", ") || "—"}</span> },
  { id: "tenants", header: "Tenants", meta: { className: "tabular-nums" }, cell: ({ row: { original: t } }) => formatNumber(t.tenant_count) },
];

/** The templates list; a row opens the template's editor. */
export function TemplatesTable({ rows }: { rows: TemplateRow[] }) {
  return (
    <DataTable
      label="Tenant templates"
      columns={columns}
      data={rows}
      getRowId={(t) => t.id}
      rowHref={(t) => `/templates/${t.id}`}
      rowTestId="template-row"
      minWidth="min-w-[640px]"
      empty={<EmptyState title="No templates" description="Create one to provision tenants with the same plan, roles and data." />}
    />
  );
}
