import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { Suspense } from "react";
import { listUsers } from "@/lib/users/list-users";
import { requireConsoleCaller } from "../_lib/require-console-caller";
import { parseUserParams } from "./_lib/list-params";
import { userQueryKeys } from "./_lib/user-query-keys";
import { UsersPageClient } from "./page-client";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const caller = await requireConsoleCaller();
  const sp = await searchParams;
  const params = parseUserParams((k) => {
    const v = sp[k];
    return Array.isArray(v) ? v[0] : v;
  });
  // The first page arrives with the HTML; later filter changes go through the list action.
  const queryClient = new QueryClient();
  queryClient.setQueryData(userQueryKeys.list(params), await listUsers(caller, params));
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <Suspense>
        <UsersPageClient />
      </Suspense>
    </HydrationBoundary>
  );
}
