import { PLATFORM_ROLE_FILTERS, USER_SORTS, USER_STATUSES, type ListUsersQuery } from "@/lib/schemas/users";

/** The Users list's filters as the console keeps them (the URL's query string). */
export type UserListParams = Pick<ListUsersQuery, "page" | "page_size" | "sort" | "order"> & Partial<Pick<ListUsersQuery, "search" | "platform_role" | "status">>;

export const USER_PAGE_SIZE = 20;
export const DEFAULT_USER_PARAMS: UserListParams = { page: 1, page_size: USER_PAGE_SIZE, sort: "created_at", order: "desc" };

const oneOf = <T extends string>(list: readonly T[], v: string | null | undefined): T | undefined => (v && (list as readonly string[]).includes(v) ? (v as T) : undefined);

/** The list's filters from the URL; anything unknown or malformed falls back to the default. */
export function parseUserParams(get: (key: string) => string | null | undefined): UserListParams {
  const page = Number.parseInt(get("page") ?? "", 10);
  const search = get("search")?.trim().slice(0, 200);
  const role = oneOf(PLATFORM_ROLE_FILTERS, get("role"));
  const status = oneOf(USER_STATUSES, get("status"));
  return {
    page: Number.isFinite(page) && page >= 1 ? Math.min(page, 1_000_000) : 1,
    page_size: USER_PAGE_SIZE,
    sort: oneOf(USER_SORTS, get("sort")) ?? DEFAULT_USER_PARAMS.sort,
    order: oneOf(["asc", "desc"] as const, get("order")) ?? DEFAULT_USER_PARAMS.order,
    ...(search ? { search } : {}),
    ...(role ? { platform_role: role } : {}),
    ...(status ? { status } : {}),
  };
}

/** The URL query string for these filters: only what differs from the defaults. */
export function userParamsToSearch(p: UserListParams): string {
  const q = new URLSearchParams();
  if (p.search) q.set("search", p.search);
  if (p.platform_role) q.set("role", p.platform_role);
  if (p.status) q.set("status", p.status);
  if (p.sort !== DEFAULT_USER_PARAMS.sort || p.order !== DEFAULT_USER_PARAMS.order) {
    q.set("sort", p.sort);
    q.set("order", p.order);
  }
  if (p.page > 1) q.set("page", String(p.page));
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** The CSV export of this view: the same filters and order, every page. */
export function userParamsToExport(p: UserListParams): string {
  const q = new URLSearchParams({ sort: p.sort, order: p.order });
  if (p.search) q.set("search", p.search);
  if (p.platform_role) q.set("platform_role", p.platform_role);
  if (p.status) q.set("status", p.status);
  return `/api/v1/users/export?${q}`;
}
