import type { UserListParams } from "./list-params";

/** The Users pages' TanStack Query keys: `userQueryKeys.all` covers lists and details, so one change refreshes both. */
export const userQueryKeys = {
  all: ["users"] as const,
  lists: () => [...userQueryKeys.all, "list"] as const,
  list: (params: UserListParams) => [...userQueryKeys.lists(), params] as const,
  detail: (id: string) => [...userQueryKeys.all, "detail", id] as const,
};
