import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { Suspense } from "react";
import { parseAuditFilters } from "@/components/audit/audit-filters";
import { prefetchAuditLog } from "@/components/audit/prefetch-audit-log";
import { PageHeader } from "@/components/console/page-header";
import { authorize } from "@/lib/auth/authorize";
import { requestTime } from "@/lib/request-time";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { listTenants } from "@/lib/tenants/list-tenants";
import { requireConsoleCaller } from "../_lib/require-console-caller";
import { ConsoleAuditClient } from "./page-client";

export const metadata: Metadata = { title: "Audit" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const caller = await requireConsoleCaller();
  authorize(caller, "audit:read");
  const sp = await searchParams;
  const filters = parseAuditFilters((k) => {
    const v = sp[k];
    return Array.isArray(v) ? v[0] : v;
  }, "platform");
  const now = requestTime();
  // The first page arrives with the HTML; later filter changes and "Load more" go through the JSON API.
  const [state, tenants] = await Promise.all([
    prefetchAuditLog(platformActor(caller), { kind: "platform" }, filters, now),
    listTenants(caller, { page: 1, page_size: 100, sort: "name", order: "asc" }),
  ]);
  return (
    <HydrationBoundary state={state}>
      <PageHeader title="Audit" description="Every recorded change and sign-in, across all tenants and the platform itself. Events cannot be edited or removed; verify the chain to prove it." />
      <Suspense>
        <ConsoleAuditClient now={now} tenants={{ options: tenants.tenants.map((t) => ({ id: t.id, name: t.name })), total: tenants.pagination.total_count }} />
      </Suspense>
    </HydrationBoundary>
  );
}
