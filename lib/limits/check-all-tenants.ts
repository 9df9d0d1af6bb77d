import { systemCaller } from "@/lib/auth/caller";
import { withPlatformScope, withTenantScope } from "@/lib/db/scope";
import { runLimitsCheck } from "@/lib/limits/run-limits-check";
import { limitsCheckSchema } from "@/lib/schemas/limits";
import { log } from "@/lib/observability/logger";

const BATCH = 50;

/**
 * The hourly limits check of every active tenant: the API's check with its
 * defaults (grace 10 %, email and in-app alerts, enforcing where the tenant's
 * auto_enforce is on). Tenants are read in keyset batches and each is checked
 * in its own transaction, so one tenant's failure (logged) stops no other and
 * no transaction holds locks across tenants.
 */
export async function checkAllTenants(now = new Date()): Promise<{ checked: number; failed: number; notifications: number }> {
  const system = systemCaller("hourly limits check");
  const input = limitsCheckSchema.parse({});
  let after = "";
  let checked = 0;
  let failed = 0;
  let notifications = 0;
  for (;;) {
    const ids = await withPlatformScope((tx) =>
      tx.tenant.findMany({ where: { status: "active", id: { gt: after } }, select: { id: true }, orderBy: { id: "asc" }, take: BATCH }),
    );
    if (!ids.length) break;
    for (const { id } of ids) {
      try {
        const r = await withTenantScope(id, (tx) => runLimitsCheck(tx, system, id, { act: true, input, now }));
        notifications += r.notifications_sent;
        checked++;
      } catch (err) {
        failed++;
        log.error({ component: "jobs", tenant_id: id, err }, "limits check of a tenant failed");
      }
    }
    after = ids[ids.length - 1].id;
  }
  return { checked, failed, notifications };
}
