import { backupStorage } from "@/lib/backups/storage";
import { ownerPool } from "@/lib/db/pools";
import { withPlatformScope } from "@/lib/db/scope";
import { quoteIdent as q } from "@/lib/db/quote-ident";


/**
 * At a tenant's purge: its backup archives and the schemas its restores left
 * (side schemas, replaced live schemas kept as *_pre_restore_*) go with it;
 * the rows follow the tenant row (ON DELETE CASCADE). A schema that is now
 * some tenant's live schema is never dropped.
 */
export async function purgeTenantBackups(tenantId: string): Promise<void> {
  const { backups, schemas } = await withPlatformScope(async (tx) => {
    const backups = await tx.tenantBackup.findMany({ where: { tenantId }, select: { id: true } });
    const restores = await tx.tenantRestore.findMany({ where: { tenantId, status: "completed" }, select: { mode: true, targetSchema: true, previousSchema: true } });
    const names = restores.flatMap((r) => [r.mode === "side_schema" ? r.targetSchema : null, r.previousSchema]).filter((n): n is string => n !== null);
    const live = new Set((await tx.tenant.findMany({ where: { schemaName: { in: names } }, select: { schemaName: true } })).map((t) => t.schemaName));
    return { backups, schemas: [...new Set(names)].filter((n) => !live.has(n)) };
  });
  const storage = backupStorage();
  for (const b of backups) await storage.removePrefix(`${tenantId}/${b.id}`);
  for (const s of schemas) await ownerPool().query(`DROP SCHEMA IF EXISTS ${q(s)} CASCADE`);
}
