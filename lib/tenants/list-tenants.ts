import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { readInPlatformScope } from "@/lib/db/read-scope";
import type { SqlQuery } from "@/lib/db/sql-scope";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ListTenantsQuery } from "@/lib/schemas/tenant";
import { serializeTenant, tenantLimits, type ListedTenant } from "@/lib/tenants/serialize-tenant";
import { decodeCursor, encodeCursor } from "@/lib/tenants/tenant-list-cursor";
import { cursorKey, tenantCountSql, tenantPageSql, withoutSortKey, type TenantListFilters, type TenantListOrder } from "@/lib/tenants/tenant-list-sql";
import { tenantFromRow } from "@/lib/tenants/tenant-row";
import { loadUsage, usageBlock } from "@/lib/tenants/tenant-usage";
import { loadUsageSparklines } from "@/lib/analytics/usage-sparklines";
import { loadHealthBadges } from "@/lib/health/health-badges";

export function pagination(page: number, pageSize: number, total: number) {
  const totalPages = Math.max(1, Math.ceil(total / pageSize));
  return { page, page_size: pageSize, total_count: total, total_pages: totalPages, has_next: page < totalPages, has_prev: page > 1 };
}

/** The list's filters as a query: also what a bulk operation's `filter` selects (lib/bulk), so both take the same tenants. */
export function tenantListWhere(q: Pick<ListTenantsQuery, "status" | "plan" | "search" | "health">): Prisma.TenantWhereInput {
  // Prisma's `contains` is LIKE '%…%' and does not escape the term: % and _ must be literal.
  const term = q.search?.replace(/[\\%_]/g, "\\$&");
  return {
    ...(q.status ? { status: q.status } : {}),
    ...(q.plan ? { plan: q.plan } : {}),
    ...(q.health ? { health: { status: q.health } } : {}),
    ...(term
      ? { OR: [{ name: { contains: term, mode: "insensitive" } }, { slug: { contains: term.toLowerCase() } }, { domain: { contains: term.toLowerCase() } }] }
      : {}),
  };
}

/**
 * A page of tenants, by page/page_size or after a `cursor` (lib/tenants/tenant-list-cursor.ts). Platform-scoped
 * read in two round trips (lib/db/read-scope.ts): the page and the count; the page's usage, health and sparklines
 * with COMMIT. With a cursor the total is the one counted on the first page, carried in the cursor.
 */
export async function listTenants(caller: Caller, q: ListTenantsQuery) {
  authorize(caller, "tenants:read");
  return readInPlatformScope(tenantListPage(q, q, q.page, q.cursor));
}

/**
 * The list's read, for a read transaction in platform scope: what listTenants sends, and what the
 * benchmark's floor (bench/floor-server.ts) sends as its lower bound. A bad cursor throws before any SQL.
 */
export function tenantListPage(f: TenantListFilters, o: TenantListOrder, page: number, cursorToken?: string) {
  const cursor = cursorToken ? decodeCursor(cursorToken, f, o) : null;
  const pageNo = cursor ? cursor.page : page;
  const pageSql = cursor ? tenantPageSql(f, o, { after: cursor }, o.page_size + 1) : tenantPageSql(f, o, { offset: (pageNo - 1) * o.page_size }, o.page_size);
  const count = tenantCountSql(f);
  return async (sql: SqlQuery, finish: () => void) => {
    const [found, counted] = await Promise.all([sql(pageSql.text, pageSql.values), cursor ? null : sql<{ total: number }>(count.text, count.values)]);
    const rows = found.slice(0, o.page_size);
    const total = cursor ? cursor.total : counted![0].total;
    const hasNext = cursor ? found.length > o.page_size : pageNo * o.page_size < total;
    const last = rows.at(-1);
    const nextCursor = hasNext && last ? encodeCursor({ key: cursorKey(last.sort_key), id: String(last.id), page: pageNo + 1, total }, f, o) : null;
    const tenants = rows.map((r): ListedTenant => tenantFromRow(withoutSortKey(r)));
    const ids = tenants.map((t) => t.id);
    // One query each for the whole page, never one per tenant, sent together.
    const details = Promise.all([loadUsage(sql, ids, new Date(), { pipelined: true }), loadHealthBadges(sql, ids), loadUsageSparklines(sql, ids)]);
    finish();
    const [usage, health, sparklines] = await details;
    return {
      tenants: tenants.map((t) => {
        const u = usageBlock(usage.get(t.id)!, tenantLimits(t));
        return { ...serializeTenant(t), usage: { users: u.users, storage: u.storage }, health: health.get(t.id)!, usage_sparkline: sparklines.get(t.id)! };
      }),
      pagination: { ...pagination(pageNo, o.page_size, total), has_next: hasNext, next_cursor: nextCursor },
    };
  };
}
