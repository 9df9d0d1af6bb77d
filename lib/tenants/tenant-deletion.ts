import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { endAuthSessions } from "@/lib/auth/sessions/end-auth-sessions";
import { publishEvent } from "@/lib/events/publish-event";
import { ownerPool } from "@/lib/db/pools";
import type { Tx } from "@/lib/db/prisma";
import { withPlatformScope } from "@/lib/db/scope";
import { AppError } from "@/lib/http/errors";
import { latestExportUrl } from "@/lib/exports/get-export";
import { removeTenantExports } from "@/lib/exports/export-storage";
import { etagOf } from "@/lib/tenants/serialize-tenant";
import { forgetTenantSchemaName } from "@/lib/dataplane/identifiers";
import { closeTenantPool } from "@/lib/dataplane/tenant-pools";
import { dropTenantDbRole } from "@/lib/tenants/tenant-db-role";
import { purgeTenantBackups } from "@/lib/backups/purge-tenant-backups";
import { checkIfMatch, lockTenant } from "@/lib/tenants/update-tenant";
import { quoteIdent } from "@/lib/db/quote-ident";
import { prismaSql } from "@/lib/tenants/tenant-usage";
import { log } from "@/lib/observability/logger";

/** Seed 000's DELETE: the tenant stops serving now and is purged after the grace period. */
export async function scheduleTenantDeletion(caller: Caller, tenantId: string, graceDays: number, opts: { ifMatch?: string | null; confirmSlug?: string } = {}) {
  authorize(caller, "tenants:delete");
  return withPlatformScope((tx) => scheduleTenantDeletionInTx(tx, caller, tenantId, graceDays, opts));
}

/** The scheduling itself, in the caller's platform-scope transaction (a bulk operation runs it once per tenant); the caller was authorised. */
export async function scheduleTenantDeletionInTx(tx: Tx, caller: Caller, tenantId: string, graceDays: number, opts: { ifMatch?: string | null; confirmSlug?: string } = {}) {
  const tenant = await lockTenant(tx, tenantId);
  checkIfMatch(tenant, opts.ifMatch);
  if (opts.confirmSlug !== undefined && opts.confirmSlug !== tenant.slug) {
    throw new AppError("invalid_request", "The slug you typed does not match this tenant", [{ path: "confirm_slug", message: `Type ${tenant.slug} exactly` }]);
  }
  if (tenant.status === "pending_deletion") throw new AppError("invalid_state", `Deletion is already scheduled for ${tenant.finalDeletionDate?.toISOString()}`);
  if (tenant.status === "provisioning") throw new AppError("invalid_state", "Wait for provisioning to finish before deleting");
  const now = new Date();
  const final = new Date(now.getTime() + graceDays * 86_400_000);
  const updated = await tx.tenant.update({
    where: { id: tenantId },
    data: { status: "pending_deletion", statusBeforeDeletion: tenant.status, deletionScheduledAt: now, finalDeletionDate: final, version: { increment: 1 }, updatedAt: now },
  });
  // The tenant stops serving now: so do the sessions on its portal (the purge's cascade would only get them later).
  await endAuthSessions({ tenantId }, "tenant_deleted", tx);
  await publishEvent(tx, caller, {
    tenantId,
    action: "tenant.deletion_scheduled",
    targetType: "tenant",
    targetId: tenantId,
    targetLabel: tenant.name,
    before: { status: tenant.status },
    after: { status: "pending_deletion", grace_period_days: graceDays, final_deletion_date: final.toISOString() },
  });
  // The latest finished export, for the owner's copy before the purge.
  const dataExportUrl = await latestExportUrl(prismaSql(tx), caller, tenantId);
  return {
    etag: etagOf(updated),
    body: {
      tenant_id: tenantId,
      deletion_status: "scheduled",
      scheduled_at: now.toISOString(),
      final_deletion_date: final.toISOString(),
      data_export_url: dataExportUrl,
    },
  };
}

/** Undoes a scheduled deletion while the grace period runs: the tenant returns to the state it had. */
export async function cancelTenantDeletion(caller: Caller, tenantId: string, opts: { ifMatch?: string | null } = {}) {
  authorize(caller, "tenants:delete");
  return withPlatformScope(async (tx) => {
    const tenant = await lockTenant(tx, tenantId);
    checkIfMatch(tenant, opts.ifMatch);
    if (tenant.status !== "pending_deletion") throw new AppError("invalid_state", "This tenant is not scheduled for deletion");
    if (tenant.finalDeletionDate && tenant.finalDeletionDate <= new Date()) throw new AppError("invalid_state", "The grace period is over; the tenant is being purged");
    const restored = tenant.statusBeforeDeletion ?? "active";
    const updated = await tx.tenant.update({
      where: { id: tenantId },
      data: { status: restored, statusBeforeDeletion: null, deletionScheduledAt: null, finalDeletionDate: null, version: { increment: 1 }, updatedAt: new Date() },
    });
    await publishEvent(tx, caller, { tenantId, action: "tenant.deletion_cancelled", targetType: "tenant", targetId: tenantId, targetLabel: tenant.name, before: { status: "pending_deletion" }, after: { status: restored } });
    return { tenant: updated, etag: etagOf(updated) };
  });
}

/**
 * Removes tenants whose grace period has ended: their schema, every row that
 * carries their tenant_id, and the tenant. What remains is one platform-level
 * audit event saying it happened, on the platform's hash chain.
 *
 * Two transactions: the owner drops the schema (DDL needs the owner), then
 * platform scope deletes the rows and publishes tenant.purged. A crash between
 * them leaves a due tenant without a schema, which the next sweep finishes
 * (DROP SCHEMA IF EXISTS). The app role has no DELETE on audit rows: they go
 * through atrium_purge_tenant_audit, which deletes only a tenant scheduled
 * for deletion.
 */
export async function purgeDueTenants(caller: Caller, now = new Date()): Promise<string[]> {
  const due = await withPlatformScope((tx) => tx.tenant.findMany({ where: { status: "pending_deletion", finalDeletionDate: { lte: now } }, select: { id: true, slug: true, name: true, schemaName: true } }));
  const purged: string[] = [];
  for (const t of due) {
    const client = await ownerPool().connect();
    try {
      await client.query("BEGIN");
      const still = await client.query("SELECT 1 FROM tenants WHERE id = $1 AND status = 'pending_deletion' AND final_deletion_date <= $2 FOR UPDATE", [t.id, now]);
      if (still.rowCount === 0) {
        await client.query("ROLLBACK");
        continue;
      }
      await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(t.schemaName)} CASCADE`);
      await client.query("COMMIT");
    } catch (err) {
      await client.query("ROLLBACK");
      throw err;
    } finally {
      client.release();
    }
    await purgeTenantBackups(t.id);
    await dropTenantDbRole(t.id);
    // This process's data-plane pool and remembered schema name for it go too.
    await closeTenantPool(t.id);
    forgetTenantSchemaName(t.id);
    const done = await withPlatformScope(async (tx) => {
      const [still] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM tenants WHERE id = ${t.id} AND status = 'pending_deletion' AND final_deletion_date <= ${now} FOR UPDATE`;
      if (!still) return false;
      await tx.$queryRaw`SELECT atrium_purge_tenant_audit(${t.id})`;
      await tx.tenant.delete({ where: { id: t.id } });
      // Usage tables have no foreign key (the ingest's speed): deleted after the tenant, whose row an ingest in
      // flight holds FOR KEY SHARE, so these statements see every batch that was ever accepted for it.
      for (const table of ["usage_events", "usage_event_keys", "usage_rollup_hourly", "tenant_usage_daily", "usage_daily_users", "usage_gauges_latest"]) {
        await tx.$executeRawUnsafe(`DELETE FROM ${table} WHERE tenant_id = $1`, t.id);
      }
      await publishEvent(tx, caller, { tenantId: null, action: "tenant.purged", targetType: "tenant", targetId: t.id, targetLabel: t.name, before: { name: t.name, slug: t.slug, schema_name: t.schemaName } });
      return true;
    });
    if (done) {
      purged.push(t.id);
      // The rows went with the tenant (ON DELETE CASCADE); the archives are files in storage.
      await removeTenantExports(t.id).catch((err: Error) => log.error({ component: "purge", tenant_id: t.id, err }, "exports of a purged tenant not removed"));
    }
  }
  return purged;
}
