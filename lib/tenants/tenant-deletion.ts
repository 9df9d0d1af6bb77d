import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { ownerPool } from "@/lib/db/pools";
import { withPlatformScope } from "@/lib/db/scope";
import { AppError } from "@/lib/http/errors";
import { etagOf } from "@/lib/tenants/serialize-tenant";
import { lockTenant } from "@/lib/tenants/update-tenant";

/** Seed 000's DELETE: the tenant stops serving now and is purged after the grace period. */
export async function scheduleTenantDeletion(caller: Caller, tenantId: string, graceDays: number) {
  authorize(caller, "tenants:delete");
  return withPlatformScope(async (tx) => {
    const tenant = await lockTenant(tx, tenantId);
    if (tenant.status === "pending_deletion") throw new AppError("invalid_state", `Deletion is already scheduled for ${tenant.finalDeletionDate?.toISOString()}`);
    if (tenant.status === "provisioning") throw new AppError("invalid_state", "Wait for provisioning to finish before deleting");
    const now = new Date();
    const final = new Date(now.getTime() + graceDays * 86_400_000);
    const updated = await tx.tenant.update({
      where: { id: tenantId },
      data: { status: "pending_deletion", statusBeforeDeletion: tenant.status, deletionScheduledAt: now, finalDeletionDate: final, version: { increment: 1 }, updatedAt: now },
    });
    await recordAuditEvent(tx, caller, {
      tenantId,
      action: "tenant.deletion_scheduled",
      targetType: "tenant",
      targetId: tenantId,
      before: { status: tenant.status },
      after: { status: "pending_deletion", grace_period_days: graceDays, final_deletion_date: final.toISOString() },
    });
    return {
      etag: etagOf(updated),
      body: {
        tenant_id: tenantId,
        deletion_status: "scheduled",
        scheduled_at: now.toISOString(),
        final_deletion_date: final.toISOString(),
        // Exports arrive with the backup work (seed 000 "Backup and Migration"); until then there is none to link.
        data_export_url: null,
      },
    };
  });
}

/** Undoes a scheduled deletion while the grace period runs: the tenant returns to the state it had. */
export async function cancelTenantDeletion(caller: Caller, tenantId: string) {
  authorize(caller, "tenants:delete");
  return withPlatformScope(async (tx) => {
    const tenant = await lockTenant(tx, tenantId);
    if (tenant.status !== "pending_deletion") throw new AppError("invalid_state", "This tenant is not scheduled for deletion");
    if (tenant.finalDeletionDate && tenant.finalDeletionDate <= new Date()) throw new AppError("invalid_state", "The grace period is over; the tenant is being purged");
    const restored = tenant.statusBeforeDeletion ?? "active";
    const updated = await tx.tenant.update({
      where: { id: tenantId },
      data: { status: restored, statusBeforeDeletion: null, deletionScheduledAt: null, finalDeletionDate: null, version: { increment: 1 }, updatedAt: new Date() },
    });
    await recordAuditEvent(tx, caller, { tenantId, action: "tenant.deletion_cancelled", targetType: "tenant", targetId: tenantId, before: { status: "pending_deletion" }, after: { status: restored } });
    return { tenant: updated, etag: etagOf(updated) };
  });
}

/**
 * Removes tenants whose grace period has ended: their schema, every row that
 * carries their tenant_id (audit rows included, through the owner's
 * connection since the app role may not delete audit rows), and the tenant.
 * What remains is one platform-level audit event saying it happened.
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
      // DDL is transactional in PostgreSQL: the schema goes with the rows or not at all.
      await client.query(`DROP SCHEMA IF EXISTS "${t.schemaName.replace(/"/g, '""')}" CASCADE`);
      await client.query("DELETE FROM audit_events WHERE tenant_id = $1", [t.id]);
      await client.query("DELETE FROM tenants WHERE id = $1", [t.id]);
      await client.query("COMMIT");
    } catch (err) {
      await client.query("ROLLBACK");
      throw err;
    } finally {
      client.release();
    }
    await withPlatformScope((tx) =>
      recordAuditEvent(tx, caller, { tenantId: null, action: "tenant.purged", targetType: "tenant", targetId: t.id, before: { name: t.name, slug: t.slug, schema_name: t.schemaName } }),
    );
    purged.push(t.id);
  }
  return purged;
}
