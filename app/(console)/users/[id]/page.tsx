import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { can } from "@/lib/auth/authorize";
import { AppError } from "@/lib/http/errors";
import { getUser } from "@/lib/users/get-user";
import { requestTime } from "@/lib/request-time";
import { requireConsoleCaller } from "../../_lib/require-console-caller";
import { userQueryKeys } from "../_lib/user-query-keys";
import { UserDetailClient } from "./page-client";

type Params = { id: string };

// One read per request, shared by generateMetadata and the page.
const loadUser = cache(async (id: string) => {
  const caller = await requireConsoleCaller();
  try {
    return await getUser(caller, id);
  } catch (err) {
    if (err instanceof AppError && (err.code === "not_found" || err.code === "invalid_request")) notFound();
    throw err;
  }
});

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { id } = await params;
  try {
    return { title: (await loadUser(id)).user.email };
  } catch {
    return { title: "User" };
  }
}

export default async function UserPage({ params }: { params: Promise<Params> }) {
  const caller = await requireConsoleCaller();
  const { id } = await params;
  const queryClient = new QueryClient();
  queryClient.setQueryData(userQueryKeys.detail(id), await loadUser(id));
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <UserDetailClient userId={id} canManage={can(caller, "users:manage")} isSelf={caller.kind === "user" && caller.id === id} now={requestTime()} />
    </HydrationBoundary>
  );
}
