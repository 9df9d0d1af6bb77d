import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { withPlatformScope } from "@/lib/db/scope";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ListTenantsQuery } from "@/lib/schemas/tenant";
import { serializeTenant, tenantLimits } from "@/lib/tenants/serialize-tenant";
import { loadUsage, prismaSql, usageBlock } from "@/lib/tenants/tenant-usage";
import { loadUsageSparklines } from "@/lib/analytics/usage-sparklines";
import { loadHealthBadges } from "@/lib/health/health-badges";

const SORT_FIELD = { created_at: "createdAt", updated_at: "updatedAt", name: "name", slug: "slug", status: "status", plan: "plan" } as const;

/** The page's order: by a column of tenants, or by the latest stored health score (PostgreSQL puts never-checked tenants last ascending, first descending). */
function orderBy(q: ListTenantsQuery): Prisma.TenantOrderByWithRelationInput[] {
  if (q.sort === "health") return [{ health: { score: q.order } }, { id: q.order }];
  return [{ [SORT_FIELD[q.sort]]: q.order }, { id: q.order }];
}

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

export async function listTenants(caller: Caller, q: ListTenantsQuery) {
  authorize(caller, "tenants:read");
  const where = tenantListWhere(q);
  return withPlatformScope(async (tx) => {
    const [rows, total] = await Promise.all([
      tx.tenant.findMany({
        where,
        orderBy: orderBy(q),
        skip: (q.page - 1) * q.page_size,
        take: q.page_size,
      }),
      tx.tenant.count({ where }),
    ]);
    const ids = rows.map((t) => t.id);
    // One query each for the whole page, never one per tenant.
    const usage = await loadUsage(prismaSql(tx), ids);
    const health = await loadHealthBadges(tx, ids);
    const sparklines = await loadUsageSparklines(tx, ids);
    return {
      tenants: rows.map((t) => {
        const u = usageBlock(usage.get(t.id)!, tenantLimits(t));
        return { ...serializeTenant(t), usage: { users: u.users, storage: u.storage }, health: health.get(t.id)!, usage_sparkline: sparklines.get(t.id)! };
      }),
      pagination: pagination(q.page, q.page_size, total),
    };
  });
}
