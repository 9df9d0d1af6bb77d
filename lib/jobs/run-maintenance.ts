import { systemCaller } from "@/lib/auth/caller";
import { appPool } from "@/lib/db/pools";
import { pruneRateLimits } from "@/lib/http/rate-limit";
import { rollBackStaleProvisioning } from "@/lib/tenants/provision-tenant";
import { purgeDueTenants } from "@/lib/tenants/tenant-deletion";

/**
 * The periodic sweep: purge tenants whose deletion grace period is over, undo
 * provisionings a dead process left half done, and drop expired throttling
 * and idempotency records.
 */
export async function runMaintenance(now = new Date()) {
  const system = systemCaller("maintenance job");
  const purged = await purgeDueTenants(system, now);
  const rolledBack = await rollBackStaleProvisioning(system);
  await pruneRateLimits();
  await appPool().query("DELETE FROM idempotency_keys WHERE created_at < now() - interval '24 hours'");
  return { purged, rolled_back: rolledBack };
}
