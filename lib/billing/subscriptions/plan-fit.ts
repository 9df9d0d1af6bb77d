import type { Tx } from "@/lib/db/prisma";
import { AppError } from "@/lib/http/errors";
import { LIMIT_LABELS, type Limits } from "@/lib/tenants/plans";
import { loadUsage, prismaSql, type UsageSnapshot } from "@/lib/tenants/tenant-usage";

/** The tenant's usage now, through the reader the tenant list and limits checks use. */
export async function currentUsage(tx: Tx, tenantId: string, now = new Date()): Promise<UsageSnapshot> {
  return (await loadUsage(prismaSql(tx), [tenantId], now)).get(tenantId)!;
}

/**
 * Refuses (409, naming each limit) a plan whose limits the tenant already
 * exceeds. Only what stays used counts: members and storage. API calls and
 * connections fall back by themselves and are enforced by the limits checks.
 */
export function assertUsageFits(usage: UsageSnapshot, limits: Limits, planName: string): void {
  const over: { path: string; message: string }[] = [];
  if (limits.users !== null && usage.users > limits.users) over.push({ path: "users", message: `${usage.users} active members, ${planName} allows ${limits.users}` });
  if (limits.storage_gb !== null && usage.storageGb > limits.storage_gb) over.push({ path: "storage_gb", message: `${usage.storageGb} GB used, ${planName} allows ${limits.storage_gb} GB` });
  if (over.length) {
    const names = over.map((o) => LIMIT_LABELS[o.path as keyof Limits].toLowerCase()).join(" and ");
    throw new AppError("usage_exceeds_plan_limits", `Current usage exceeds ${planName}'s ${names} limit: ${over.map((o) => o.message).join("; ")}`, over);
  }
}
