import type { Tx } from "@/lib/db/prisma";
import { AppError, type ErrorDetail } from "@/lib/http/errors";
import { MAX_BULK_TENANTS, type BulkFilter } from "@/lib/schemas/bulk";
import { tenantListWhere } from "@/lib/tenants/list-tenants";

export type BulkTarget = { id: string; name: string };

/**
 * The tenants an operation takes: the named ones, in the order given (an
 * unknown id is a 400 naming its entry, and nothing is recorded), or every
 * tenant the tenant list shows for `filter`, in the list's default order
 * (newest first), at most MAX_BULK_TENANTS.
 */
export async function resolveBulkTenants(tx: Tx, selection: { tenant_ids?: string[]; filter?: BulkFilter }): Promise<BulkTarget[]> {
  if (selection.tenant_ids) {
    const ids = selection.tenant_ids;
    const found = new Map((await tx.tenant.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((t) => [t.id, t]));
    const missing: ErrorDetail[] = ids.flatMap((id, i) => (found.has(id) ? [] : [{ path: `tenant_ids.${i}`, message: `No tenant ${id}` }]));
    if (missing.length > 0) throw new AppError("invalid_request", missing.map((m) => m.message).join("; "), missing);
    return ids.map((id) => found.get(id)!);
  }
  const where = tenantListWhere(selection.filter ?? {});
  const rows = await tx.tenant.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: MAX_BULK_TENANTS + 1, select: { id: true, name: true } });
  if (rows.length === 0) throw new AppError("invalid_request", "The filter matches no tenant", [{ path: "filter", message: "Matches no tenant" }]);
  if (rows.length > MAX_BULK_TENANTS) {
    throw new AppError("invalid_request", `The filter matches more than ${MAX_BULK_TENANTS} tenants; narrow it`, [{ path: "filter", message: `Matches more than ${MAX_BULK_TENANTS} tenants` }]);
  }
  return rows;
}
