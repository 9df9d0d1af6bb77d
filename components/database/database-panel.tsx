"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { tenantDatabaseAction } from "@/lib/actions/database-actions";
import type { TenantDatabase } from "@/lib/dataplane/load-tenant-database";
import { ApiError } from "@/lib/query/fetch-api";
import { queryKeys } from "@/lib/query/keys";
import { AppliedMigrationsCard } from "./applied-migrations-card";
import { formatMb } from "./database-format";
import { LargestTablesChart } from "./largest-tables-chart";
import { TableDetailSheet } from "./table-detail-sheet";
import { TablesList } from "./tables-list";

async function load(tenantId: string): Promise<TenantDatabase> {
  const r = await tenantDatabaseAction(tenantId);
  if (!r.ok) throw new ApiError(r.code === "internal_error" ? 500 : 400, r.code, r.message);
  return r.data;
}

function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3">
      <dt className="text-[12px] font-medium text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-lg font-semibold tabular-nums text-slate-900" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

/**
 * The tenant's Database tab: what its schema holds (tables with sizes and rows,
 * the largest as a chart, each table's columns, indexes, constraints and
 * foreign keys) and which tenant migrations ran. Read as the tenant's
 * read-only role; the first read comes with the page.
 */
export function DatabasePanel({ tenantId, initial, sqlHref }: { tenantId: string; initial: TenantDatabase | null; sqlHref: string | null }) {
  const [open, setOpen] = useState<string | null>(null);
  const q = useQuery({ queryKey: queryKeys.database.tenant(tenantId), queryFn: () => load(tenantId), initialData: initial ?? undefined, staleTime: 60_000 });
  const data = q.data;
  const openTable = data?.schema.tables.find((t) => t.name === open) ?? null;

  return (
    <div className="space-y-6" data-testid="database-panel">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="min-w-0 text-[13px] text-slate-600">
          Schema <code className="font-mono text-slate-900">{data?.schema.schema ?? "…"}</code>, read as the tenant&apos;s read-only database role.
        </p>
        <div className="flex items-center gap-2">
          <Button variant="secondary" size="sm" loading={q.isFetching} onClick={() => void q.refetch()}>
            Refresh
          </Button>
          {sqlHref ? (
            <Link href={sqlHref} className={buttonClasses("primary", "sm")} data-testid="open-sql-console">
              Open SQL console
            </Link>
          ) : null}
        </div>
      </div>

      {q.isError ? (
        <Alert tone="danger" title="The schema could not be read">
          {(q.error as Error).message}
        </Alert>
      ) : null}

      {data ? (
        <>
          <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
            <Stat label="Tables" value={data.schema.total_tables.toLocaleString("en-US")} testId="database-total-tables" />
            <Stat label="Schema size" value={formatMb(data.schema.schema_size_mb)} />
            <Stat label="Indexes" value={data.schema.total_indexes.toLocaleString("en-US")} />
            <Stat label="Foreign keys" value={data.schema.total_foreign_keys.toLocaleString("en-US")} />
          </dl>
          <LargestTablesChart tables={data.schema.tables} />
          <Card>
            <CardHeader title="Tables" description="Row counts are the planner's estimates (≈) until the table is analyzed or counted. Select a table for its columns, indexes and keys." />
            <TablesList tables={data.schema.tables} onOpen={setOpen} />
          </Card>
          <AppliedMigrationsCard migrations={data.migrations} />
          <TableDetailSheet table={openTable} foreignKeys={data.schema.foreign_keys} onClose={() => setOpen(null)} />
        </>
      ) : null}
    </div>
  );
}
