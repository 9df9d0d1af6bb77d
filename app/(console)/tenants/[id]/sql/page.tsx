import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { PageHeader } from "@/components/console/page-header";
import { TenantStatusBadge } from "@/components/console/tenant-badges";
import { can } from "@/lib/auth/authorize";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { AppError } from "@/lib/http/errors";
import { SQL_QUERY_DEFAULT_ROWS, SQL_QUERY_DEFAULT_TIMEOUT_MS, SQL_QUERY_MAX_ROWS, SQL_QUERY_MAX_TIMEOUT_MS } from "@/lib/schemas/sql-query";
import { getTenant } from "@/lib/tenants/get-tenant";
import { requireConsoleCaller } from "../../../_lib/require-console-caller";
import { SqlConsole } from "./sql-console";

type Params = { id: string };

// One read per request, shared by generateMetadata and the page.
const loadTenant = cache(async (id: string) => {
  const caller = await requireConsoleCaller();
  try {
    return (await getTenant(caller, id)).body.tenant;
  } catch (err) {
    if (err instanceof AppError && err.code === "tenant_not_found") notFound();
    throw err;
  }
});

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { id } = await params;
  try {
    return { title: `SQL · ${(await loadTenant(id)).name}` };
  } catch {
    return { title: "SQL console" };
  }
}

/** The tenant's SQL console: header and options from the server, the editor (client only) and results in SqlConsole. */
export default async function TenantSqlPage({ params }: { params: Promise<Params> }) {
  const caller = await requireConsoleCaller();
  const { id } = await params;
  const tenant = await loadTenant(id);
  return (
    <>
      <div className="mb-2">
        <Link href={`/tenants/${tenant.id}`} className="inline-flex items-center gap-1 text-[13px] text-slate-500 hover:text-slate-800">
          <span aria-hidden="true">←</span> {tenant.name}
        </Link>
      </div>
      <PageHeader
        title={
          <span data-testid="sql-page-title" className="flex flex-wrap items-center gap-2">
            SQL console <TenantStatusBadge status={tenant.status} />
          </span>
        }
        description={
          <>
            Run SQL in <span className="font-medium text-slate-700">{tenant.name}</span>&rsquo;s own schema, as the tenant&rsquo;s database role. Statements are checked before they run; every one is audited.
          </>
        }
      />
      {can(caller, "data:read") ? (
        <SqlConsole
          tenantId={tenant.id}
          canWrite={can(caller, "data:write")}
          limits={{ defaultTimeoutMs: SQL_QUERY_DEFAULT_TIMEOUT_MS, maxTimeoutMs: SQL_QUERY_MAX_TIMEOUT_MS, defaultRows: SQL_QUERY_DEFAULT_ROWS, maxRows: SQL_QUERY_MAX_ROWS }}
        />
      ) : (
        <Card data-testid="sql-no-access">
          <EmptyState title="You don't have access to tenant data" description="Running SQL in a tenant's schema needs the data:read permission, which platform admins and operators hold. (403)" />
        </Card>
      )}
    </>
  );
}
