import type { Caller } from "@/lib/auth/caller";
import { publishEvent } from "@/lib/events/publish-event";
import { withPlatformScope, withTenantScope } from "@/lib/db/scope";
import { UNREFERENCED_ASSET, UNUSED_ASSET_RETENTION_HOURS } from "@/lib/branding/asset-usage";
import { lockTenant } from "@/lib/tenants/update-tenant";

/** Tenants handled per run; the job runs every minute, so a backlog drains over a few runs. */
const TENANTS_PER_RUN = 200;

/**
 * Deletes uploaded images that no branding — current or any saved version —
 * names, once they are older than the retention period (so an image uploaded
 * and not yet saved is kept meanwhile). Each tenant's deletion holds its
 * tenant row's lock, the lock every branding save takes before checking its
 * images exist, so a save and the prune never cross. Returns how many went.
 */
export async function pruneUnusedBrandingAssets(caller: Caller, now = new Date(), retentionHours = UNUSED_ASSET_RETENTION_HOURS): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionHours * 3_600_000);
  const tenants = await withPlatformScope((tx) =>
    tx.$queryRawUnsafe<{ tenant_id: string }[]>(`SELECT DISTINCT a.tenant_id FROM tenant_assets a WHERE a.created_at < $1 AND ${UNREFERENCED_ASSET} LIMIT ${TENANTS_PER_RUN}`, cutoff),
  );
  let pruned = 0;
  for (const { tenant_id: tenantId } of tenants) {
    pruned += await withTenantScope(tenantId, async (tx) => {
      const tenant = await lockTenant(tx, tenantId);
      const gone = await tx.$queryRawUnsafe<{ id: string; size: number }[]>(
        `DELETE FROM tenant_assets a WHERE a.tenant_id = $1 AND a.created_at < $2 AND ${UNREFERENCED_ASSET} RETURNING a.id, a.size`,
        tenantId,
        cutoff,
      );
      if (gone.length > 0) {
        await publishEvent(tx, caller, {
          tenantId,
          action: "tenant.branding_assets_pruned",
          targetType: "tenant",
          targetId: tenantId,
          targetLabel: tenant.name,
          after: { asset_ids: gone.map((g) => g.id), bytes: gone.reduce((n, g) => n + g.size, 0), unused_for_hours: retentionHours },
        });
      }
      return gone.length;
    });
  }
  return pruned;
}
