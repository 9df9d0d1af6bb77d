import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { Suspense } from "react";
import { can } from "@/lib/auth/authorize";
import { queryKeys } from "@/lib/query/keys";
import { listTenants } from "@/lib/tenants/list-tenants";
import { requestTime } from "@/lib/request-time";
import { BULK_OPERATION_PERMISSIONS, BULK_OPERATIONS } from "@/lib/schemas/bulk";
import { requireConsoleCaller } from "../_lib/require-console-caller";
import { parseListParams } from "./_lib/list-params";
import { TenantsPageClient } from "./page-client";

export const metadata: Metadata = { title: "Tenants" };

export default async function TenantsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const caller = await requireConsoleCaller();
  const sp = await searchParams;
  const params = parseListParams((k) => {
    const v = sp[k];
    return Array.isArray(v) ? v[0] : v;
  });
  // The first page arrives with the HTML; later filter changes go through the JSON API.
  const queryClient = new QueryClient();
  queryClient.setQueryData(queryKeys.tenants.list(params), await listTenants(caller, params));
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <Suspense>
        <TenantsPageClient
          canCreate={can(caller, "tenants:create")}
          canImport={can(caller, "tenants:create") && can(caller, "backups:manage")}
          bulkOperations={BULK_OPERATIONS.filter((op) => can(caller, BULK_OPERATION_PERMISSIONS[op]))}
          now={requestTime()}
        />
      </Suspense>
    </HydrationBoundary>
  );
}
