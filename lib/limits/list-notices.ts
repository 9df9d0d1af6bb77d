import type { Tx } from "@/lib/db/prisma";
import { withTenantScope } from "@/lib/db/scope";
import { parseOrThrow } from "@/lib/http/errors";
import { serializeNotice } from "@/lib/limits/serialize-notice";
import { listNoticesQuerySchema, type TenantNotice } from "@/lib/schemas/limits";
import { authorizeTenant, type TenantActor } from "@/lib/tenant-access/tenant-actor";

/** Active notices (or all), newest first, in the caller's tenant transaction; the pages' banner reads them with this too. */
export async function readNotices(tx: Tx, tenantId: string, opts: { includeDismissed?: boolean; limit?: number } = {}): Promise<TenantNotice[]> {
  const rows = await tx.tenantNotice.findMany({
    where: { tenantId, ...(opts.includeDismissed ? {} : { dismissedAt: null }) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: opts.limit ?? 20,
  });
  return rows.map(serializeNotice);
}

export async function listNotices(actor: TenantActor, tenantId: string, query: Record<string, string>): Promise<TenantNotice[]> {
  const q = parseOrThrow(listNoticesQuerySchema, query);
  return withTenantScope(tenantId, async (tx) => {
    await authorizeTenant(actor, tenantId, "usage:read", tx);
    return readNotices(tx, tenantId, { includeDismissed: q.include_dismissed, limit: q.limit });
  });
}
