import type { TenantListParams } from "@/lib/query/keys";
import { TENANT_SORTS, TENANT_STATUSES } from "@/lib/schemas/tenant";
import { PLANS } from "@/lib/tenants/plans";

export const LIST_PAGE_SIZE = 20;
export const DEFAULT_LIST_PARAMS: TenantListParams = { page: 1, page_size: LIST_PAGE_SIZE, sort: "created_at", order: "desc" };

const oneOf = <T extends string>(list: readonly T[], v: string | null | undefined): T | undefined => (v && (list as readonly string[]).includes(v) ? (v as T) : undefined);

/** The list's filters from the URL; anything unknown or malformed falls back to the default. */
export function parseListParams(get: (key: string) => string | null | undefined): TenantListParams {
  const page = Number.parseInt(get("page") ?? "", 10);
  const search = get("search")?.trim().slice(0, 200);
  return {
    page: Number.isFinite(page) && page >= 1 ? Math.min(page, 1_000_000) : 1,
    page_size: LIST_PAGE_SIZE,
    sort: oneOf(TENANT_SORTS, get("sort")) ?? DEFAULT_LIST_PARAMS.sort,
    order: oneOf(["asc", "desc"] as const, get("order")) ?? DEFAULT_LIST_PARAMS.order,
    ...(search ? { search } : {}),
    ...(oneOf(TENANT_STATUSES, get("status")) ? { status: oneOf(TENANT_STATUSES, get("status")) } : {}),
    ...(oneOf(PLANS, get("plan")) ? { plan: oneOf(PLANS, get("plan")) } : {}),
  };
}

/** The URL query string for these filters: only what differs from the defaults. */
export function listParamsToSearch(p: TenantListParams): string {
  const q = new URLSearchParams();
  if (p.search) q.set("search", p.search);
  if (p.status) q.set("status", p.status);
  if (p.plan) q.set("plan", p.plan);
  if (p.sort !== DEFAULT_LIST_PARAMS.sort || p.order !== DEFAULT_LIST_PARAMS.order) {
    q.set("sort", p.sort);
    q.set("order", p.order);
  }
  if (p.page > 1) q.set("page", String(p.page));
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** The /api/v1/tenants query for these filters. */
export function listParamsToApi(p: TenantListParams): string {
  const q = new URLSearchParams({ page: String(p.page), page_size: String(p.page_size), sort: p.sort, order: p.order });
  if (p.search) q.set("search", p.search);
  if (p.status) q.set("status", p.status);
  if (p.plan) q.set("plan", p.plan);
  return `/api/v1/tenants?${q}`;
}

/** The CSV export of this view: the same filters and order, every page. */
export function listParamsToExport(p: TenantListParams): string {
  const q = new URLSearchParams({ sort: p.sort, order: p.order });
  if (p.search) q.set("search", p.search);
  if (p.status) q.set("status", p.status);
  if (p.plan) q.set("plan", p.plan);
  return `/api/v1/tenants/export?${q}`;
}
