import type { Tx } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { BroadcastFilter } from "@/lib/schemas/notifications";

/**
 * The tenants a broadcast filter matches. Status defaults to active (a
 * broadcast reaches suspended or archived tenants only when asked by status);
 * a tag is one of the tenant's settings.tags.
 */
export function tenantWhere(filter: BroadcastFilter): Prisma.TenantWhereInput {
  if (filter === "all") return { status: "active" };
  return {
    status: filter.status ?? "active",
    ...(filter.plan ? { plan: filter.plan } : {}),
    ...(filter.tag ? { settings: { path: ["tags"], array_contains: [filter.tag] } } : {}),
    ...(filter.tenant_ids ? { id: { in: filter.tenant_ids } } : {}),
  };
}

/** "412 members in 37 tenants": active members of active accounts in the matching tenants (before preferences, which decide the channel). In platform scope. */
export async function broadcastAudience(tx: Tx, filter: BroadcastFilter): Promise<{ tenants: number; members: number }> {
  const where = tenantWhere(filter);
  const [tenants, members] = await Promise.all([
    tx.tenant.count({ where }),
    tx.membership.count({ where: { status: "active", user: { status: "active" }, tenant: where } }),
  ]);
  return { tenants, members };
}
